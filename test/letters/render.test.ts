import { describe, expect, it } from 'vitest';
import { LetterRenderer, TemplateError } from '../../src/letters/render.js';
import { SAMPLES, sampleContext } from '../../src/letters/samples.js';
import { TemplateStore } from '../../src/letters/templates.js';
import { GOOD_REMINDER, userTemplates } from './fixtures.js';

const acmeReminder = (over: Partial<ReturnType<typeof sampleContext>> = {}) => ({ ...sampleContext(SAMPLES[0]!, 'collection', 'reminder'), ...over });

function renderError(files: Record<string, string>, name = 'reminder'): TemplateError {
  const { store } = userTemplates(files);
  try {
    new LetterRenderer(store).render('en', name, acmeReminder());
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return e as TemplateError;
  }
  throw new Error('the template rendered without an error');
}

describe('strict mode: a mistake in a template is an error naming the file, the line and the name', () => {
  it('a misspelt variable', () => {
    const e = renderError({ 'en/reminder.hbs': '---\nsubject: Hello\n---\nDear {{customer.name}},\n\nwe miss {{customer.nme}}.\n' });
    expect(e.message).toMatch(/templates\/en\/reminder\.hbs:6: strict: unknown variable "customer\.nme"/);
    expect(e.exitCode).toBe(2);
  });

  it('a misspelt variable in the subject line', () => {
    const e = renderError({ 'en/reminder.hbs': '---\nsubject: Hello {{custommer.name}}\n---\nDear you\n' });
    expect(e.message).toMatch(/reminder\.hbs:2: strict: unknown variable "custommer\.name"/);
  });

  it('an unknown partial, before anything is rendered', () => {
    const e = renderError({ 'en/reminder.hbs': '---\nsubject: Hello\n---\nDear you,\n\n{{> invoice-tabel}}\n' });
    expect(e.message).toMatch(/reminder\.hbs:6: strict: unknown partial "invoice-tabel"/);
  });

  it('an unknown helper', () => {
    const e = renderError({ 'en/reminder.hbs': '---\nsubject: Hello\n---\nDear you,\n{{#each totals}}{{mony minor currency}}{{/each}}\n' });
    expect(e.message).toMatch(/reminder\.hbs:5: strict: unknown helper "mony"/);
  });

  it('a mistake inside a partial names the partial file and its line', () => {
    const e = renderError({ 'en/partials/signature.hbs': 'Kind regards,\n\n{{business.signatory}}\n{{busines.name}}\n' });
    expect(e.file).toMatch(/templates\/en\/partials\/signature\.hbs$/);
    expect(e.message).toMatch(/signature\.hbs:4: strict: unknown variable "busines\.name"/);
  });

  it('a helper given nonsense fails instead of printing NaN', () => {
    const e = renderError({ 'en/reminder.hbs': '---\nsubject: Hello\n---\nDear you,\n\nYou owe {{money invoiceCount "GBP"}} {{#each invoices}}{{money amout currency}}{{/each}}.\n' });
    expect(e.message).toMatch(/reminder\.hbs:6: render: money: expected a whole number, got undefined/);
  });

  it('a syntax error', () => {
    const e = renderError({ 'en/reminder.hbs': '---\nsubject: Hello\n---\nDear you,\n\n{{#if personalNote}}unclosed\n' });
    expect(e.rule).toBe('syntax');
    expect(e.file).toMatch(/reminder\.hbs$/);
  });
});

describe('customer data in letters', () => {
  const renderer = new LetterRenderer(new TemplateStore(null));
  const customer = { ...SAMPLES[0]!.customer, name: 'Smith & Sons <b>{{business.name}}</b>', address: '{{#each x}}\n"Quoted" Street' };

  it('is printed as it is in the text part: never evaluated, never escaped', () => {
    const letter = renderer.render('en', 'reminder', acmeReminder({ customer }));
    expect(letter.text).toContain('Dear Smith & Sons <b>{{business.name}}</b>,');
    expect(letter.text).toContain('{{#each x}}\n"Quoted" Street');
    expect(letter.text).not.toContain('&amp;');
  });

  it('is escaped once in the HTML part', () => {
    const letter = renderer.render('en', 'reminder', acmeReminder({ customer }));
    expect(letter.html).toContain('Smith &amp; Sons &lt;b&gt;{{business.name}}&lt;/b&gt;');
    expect(letter.html).not.toContain('&amp;amp;');
    expect(letter.html).not.toContain('<b>');
    expect(letter.html).toContain('&quot;Quoted&quot; Street');
  });

  it('a personal note is printed as it is too', () => {
    const letter = renderer.render('en', 'reminder', acmeReminder({ personalNote: 'Great to see you {{at}} the fair & thanks' }));
    expect(letter.text).toContain('Great to see you {{at}} the fair & thanks');
  });
});

describe('user templates override the built-in ones by name', () => {
  it('a generic partial of yours replaces both built-in variants (text and HTML)', () => {
    const { store } = userTemplates({ 'en/partials/invoice-table.hbs': 'Your own table: {{invoiceCount}} invoices' });
    const letter = new LetterRenderer(store).render('en', 'reminder', acmeReminder());
    expect(letter.text).toContain('Your own table: 1 invoices');
    expect(letter.html).toContain('Your own table: 1 invoices');
  });

  it('a French letter uses French partials, and English ones only where French has none', () => {
    const { store } = userTemplates({ 'fr/reminder.hbs': GOOD_REMINDER.replace('Dear', 'Bonjour') });
    const letter = new LetterRenderer(store).render('fr', 'reminder', { ...acmeReminder(), locale: 'fr' });
    expect(letter.text).toContain('Facture INV-1001'); // French invoice table
    expect(letter.text).toContain('Bien cordialement'); // French signature
  });
});
