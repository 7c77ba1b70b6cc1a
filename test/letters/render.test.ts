import { describe, expect, it } from 'vitest';
import { chargesFor, type FeePolicy } from '../../src/domain/fees.js';
import type { PlannedLetter } from '../../src/domain/plan.js';
import { letterContext } from '../../src/letters/context.js';
import { LetterRenderer, TemplateError } from '../../src/letters/render.js';
import { SAMPLE_BUSINESS, SAMPLES, sampleContext } from '../../src/letters/samples.js';
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

describe('fees a customer understands', () => {
  // Kestrel owes £3,800.00, due 14 November 2025; on 22 January 2026 the final notice charges a
  // 2.5% late fee, statutory interest (4.25% base + 8%) and the £70 compensation, as run would.
  const invoice = { number: 'INV-1039', customerId: 'kestrel', issueDate: '2025-10-15', dueDate: '2025-11-14', currency: 'GBP', amount: 380000, paid: 0, balance: 380000, stage: null, stageOn: null, thanked: false, hold: false };
  const fees: FeePolicy = { stages: { 'final-notice': { fixed: null, percentBp: 250 } }, statutory: { regime: 'uk', referenceRateBp: 425, fromStage: 'final-notice', compensation: true } };
  const letter: PlannedLetter = {
    customerId: 'kestrel',
    stage: 'final-notice',
    template: 'final-notice',
    channel: 'email',
    lines: [{ invoice, stageAfter: 'final-notice', climbs: true }],
    credits: [],
    thanks: [],
    total: [{ currency: 'GBP', minor: 380000 }],
    fees: chargesFor(invoice, 'final-notice', true, fees, [], '2026-01-22'),
  };
  const kestrel = { id: 'kestrel', name: 'Kestrel Events Ltd', email: 'k@kestrel.example', language: null, address: null, phone: null, contactName: 'Sam Patel' };
  const render = (lang: string, locale: string) => new LetterRenderer(new TemplateStore(null)).render(lang, 'final-notice', letterContext(letter, kestrel, SAMPLE_BUSINESS, '2026-01-22', locale));

  it('each charge reads in the letter language, and the letter asks for one total to pay', () => {
    const { subject, text } = render('en', 'en-GB');
    expect(text).toContain('Dear Sam Patel,');
    expect(text).toContain('– Late payment fee: 2.5% of £3,800.00 (invoice INV-1039): £95.00');
    expect(text).toContain('– Interest at 12.25% a year for 69 days, to 22 January 2026 (invoice INV-1039): £87.99');
    expect(text).toContain('– Fixed compensation for late payment, under the Late Payment of Commercial Debts (Interest) Act 1998 (invoice INV-1039): £70.00');
    expect(text).toContain('Total to pay in GBP, balance and charges: £4,052.99');
    expect(subject).toBe('Final notice: £4,052.99 due by 5 February 2026');
    expect(text).not.toMatch(/second-reminder|3800\.00 GBP|in addition\)/);
  });

  it('in French, the same charges in French words and numbers', () => {
    const text = render('fr', 'fr-FR').text.replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('Bonjour Sam Patel,');
    expect(text).toContain('– Frais de retard : 2,5 % de 3 800,00 £GB (facture INV-1039) : 95,00 £GB');
    expect(text).toContain('– Intérêts de retard au taux annuel de 12,25 % sur 69 jours, jusqu’au 22 janvier 2026 (facture INV-1039) : 87,99 £GB');
    expect(text).toContain('Total à régler en GBP, solde et frais compris : 4 052,99 £GB');
  });
});
