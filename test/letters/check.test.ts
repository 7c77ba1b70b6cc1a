import { describe, expect, it } from 'vitest';
import { checkTemplates, formatFinding, templateKind } from '../../src/letters/check.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { TemplateStore } from '../../src/letters/templates.js';
import { GOOD_REMINDER, userTemplates } from './fixtures.js';

/** The findings `templates check` reports for the given user templates, as `file:line: rule: text` with the folder cut off. */
function findings(files: Record<string, string>): string[] {
  const { store, dir } = userTemplates(files);
  return checkTemplates(store, DEFAULT_POLICY)
    .findings.filter((f) => f.file.startsWith(dir))
    .map((f) => formatFinding({ ...f, file: f.file.slice(dir.length + 1) }));
}

const reminder = (extra: string) => ({ 'en/reminder.hbs': GOOD_REMINDER.replace('The invoices below are overdue.', extra) });

describe('templates check on the built-in templates', () => {
  it('passes every template in every language against every sample account', () => {
    const report = checkTemplates(new TemplateStore(null), DEFAULT_POLICY);
    expect(report.findings.map(formatFinding)).toEqual([]);
    for (const lang of ['en', 'fr', 'de', 'es']) {
      for (const t of ['courtesy', 'reminder', 'second-reminder', 'final-notice', 'thank-you', 'handoff', 'plan-confirmation']) {
        expect(report.templates).toContain(`${lang}/${t}`);
      }
    }
    expect(report.renders).toBe(report.templates.length * 8);
  });

  it('a reminder that says everything it must passes', () => {
    expect(findings(reminder('The invoices below are overdue.'))).toEqual([]);
  });
});

describe('templates check catches each bad pattern', () => {
  it('no-threats: legal words before the final notice, in each language', () => {
    // One folder with a threat per language, checked once (a check renders every template): each file's findings are its own.
    const found = findings({
      ...reminder('Pay now, or we will start legal action.'),
      'fr/reminder.hbs': GOOD_REMINDER.replace('The invoices below are overdue.', 'Sinon, nous ferons appel à un huissier.'),
      'de/second-reminder.hbs': GOOD_REMINDER.replace('The invoices below are overdue.', 'Danach geht die Sache an unser Inkassobüro.'),
      'es/courtesy.hbs': GOOD_REMINDER.replace('The invoices below are overdue.', 'Si no paga, emprenderemos acciones legales.'),
    });
    expect(found.filter((f) => f.startsWith('en/'))).toEqual(['en/reminder.hbs:6: no-threats: "legal action" before the final notice']);
    expect(found).toContain('fr/reminder.hbs:6: no-threats: "huissier" before the final notice');
    expect(found).toContain('de/second-reminder.hbs:6: no-threats: "Inkassobüro" before the final notice');
    expect(found).toContain('es/courtesy.hbs:6: no-threats: "acciones legales" before the final notice');
  });

  it('no-threats: a threat hidden in a partial is found in the partial, and "courtesy" is not "court"', () => {
    expect(findings({ 'en/partials/contact-line.hbs': 'Call us, or else. We will see you in court. A courtesy call.' })).toEqual([
      'en/partials/contact-line.hbs:1: no-threats: "or else" before the final notice',
      'en/partials/contact-line.hbs:1: no-threats: "court" before the final notice',
    ]);
  });

  it('the final notice may name the next step', () => {
    expect(findings({ 'en/final-notice.hbs': GOOD_REMINDER.replace('The invoices below are overdue.', 'Please pay {{#each totals}}{{money minor currency}} {{/each}}by {{date (deadline 14)}}, or we will pass the account to a collection agency.') })).toEqual([]);
  });

  it('no-shouting: words in capitals, but not currency codes, invoice numbers or IBAN', () => {
    expect(findings(reminder('PLEASE pay the total in GBP for INV-2026 by IBAN. It is URGENT.'))).toEqual([
      'en/reminder.hbs:6: no-shouting: "PLEASE" is in capitals',
      'en/reminder.hbs:6: no-shouting: "URGENT" is in capitals',
    ]);
  });

  it('one-exclamation: a second exclamation mark in the letter, wherever it is', () => {
    expect(findings(reminder('Thanks!'))).toEqual([]);
    expect(findings({ ...reminder('Thanks!'), 'en/partials/signature.hbs': 'Cheers!\n{{business.name}}' })).toEqual([
      'en/partials/signature.hbs:1: one-exclamation: 2 exclamation marks in one letter (keep at most one)',
    ]);
  });

  it('offers-to-talk: a collection letter without a way to talk', () => {
    const found = findings({ 'en/reminder.hbs': GOOD_REMINDER.replace('{{> contact-line}}', 'Please reply to this letter.') });
    expect(found[0]).toMatch(/^en\/reminder\.hbs:1: offers-to-talk: the letter does not offer an offer to sort out a query or dispute, a payment plan \(sample: one invoice\)$/);
  });

  it('already-paid: a collection letter that does not thank a payment already sent', () => {
    const found = findings({ 'en/reminder.hbs': GOOD_REMINDER.replace('{{> already-paid}}', 'If you have already paid, ignore this.') });
    expect(found[0]).toMatch(/^en\/reminder\.hbs:1: already-paid: no paragraph says/);
  });

  it('final-notice: the amount, the deadline and the next step must all be there', () => {
    const notice = GOOD_REMINDER.replace('The invoices below are overdue.', 'This is our final notice. Please pay soon.').replace('{{> invoice-table}}', '');
    const found = findings({ 'en/final-notice.hbs': notice });
    expect(found.filter((f) => f.includes('(sample: one invoice)'))).toEqual([
      'en/final-notice.hbs:1: final-notice: the amount owed (£1,200.00) is not stated (sample: one invoice)',
      'en/final-notice.hbs:1: final-notice: no deadline: name the date payment is due by ({{date (deadline 14)}}) (sample: one invoice)',
      'en/final-notice.hbs:1: final-notice: the next step (what happens after the deadline) is not stated (sample: one invoice)',
    ]);
  });

  it('strict: names a helper argument Handlebars would quietly treat as empty', () => {
    expect(findings(reminder('{{#if personalNot}}{{personalNote}}{{/if}} {{#each invoices}}{{date dueDat}}{{/each}}'))).toEqual([
      'en/reminder.hbs:6: strict: unknown variable "personalNot"',
      'en/reminder.hbs:6: strict: unknown variable "dueDat"',
    ]);
  });

  it('strict: an unknown partial and an unknown helper, with their lines', () => {
    expect(findings(reminder('{{> fine-print}}\n{{shout customer.name}}'))).toEqual([
      'en/reminder.hbs:6: strict: unknown partial "fine-print"',
      'en/reminder.hbs:7: strict: unknown helper "shout"',
    ]);
  });

  it('syntax: a block left open', () => {
    expect(findings(reminder('{{#each invoices}}{{number}}'))[0]).toMatch(/^en\/reminder\.hbs:\d+: syntax: /);
  });
});

describe('what a template is for', () => {
  it('the last letter of the ladder is the final notice, a flag stage has a cover note', () => {
    expect(templateKind('final-notice', DEFAULT_POLICY)).toBe('final');
    expect(templateKind('second-reminder', DEFAULT_POLICY)).toBe('collection');
    expect(templateKind('handoff', DEFAULT_POLICY)).toBe('handoff');
    const custom = { ...DEFAULT_POLICY, stages: [...DEFAULT_POLICY.stages.slice(0, 2), { id: 'last-call', daysFromDue: 20, minDaysSinceLastContact: 7, template: 'last-call', action: 'letter' as const }] };
    expect(templateKind('last-call', custom)).toBe('final');
  });
});
