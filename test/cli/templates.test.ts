import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { configure, dunning, TEST_BUSINESS, tempDir, writeCsv } from '../helpers.js';

/** `dunning init`, then the business filled in as an owner would. */
function initConfigured(): string {
  const dir = tempDir();
  expect(dunning(dir, ['init']).code).toBe(0);
  const path = join(dir, 'dunning.config.json');
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), business: TEST_BUSINESS }, null, 2));
  return dir;
}

const ONE_DEBT = 'A-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-02-20,GBP,10.00,';

describe('dunning templates', () => {
  it('check passes the built-in templates (exit 0) and says how much it checked', () => {
    const dir = tempDir();
    configure(dir);
    const r = dunning(dir, ['templates', 'check']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/all good \(28 templates, 224 sample letters rendered\)/);
  });

  it('check reports each finding as file:line: rule: text and exits 5; --json gives the same findings', () => {
    const dir = initConfigured();
    const reminder = join(dir, 'templates', 'en', 'reminder.hbs');
    writeFileSync(reminder, readFileSync(reminder, 'utf8').replace('Is everything all right?', 'PAY NOW or we take you to court!!'));
    const r = dunning(dir, ['templates', 'check']);
    expect(r.code).toBe(5);
    expect(r.stdout.trim().split('\n')).toEqual([
      'templates/en/reminder.hbs:10: no-threats: "court" before the final notice',
      'templates/en/reminder.hbs:10: no-shouting: "PAY" is in capitals',
      'templates/en/reminder.hbs:10: no-shouting: "NOW" is in capitals',
      'templates/en/reminder.hbs:10: one-exclamation: 2 exclamation marks in one letter (keep at most one)',
    ]);
    expect(r.stderr).toContain('templates check: 4 problems');
    const json = dunning(dir, ['templates', 'check', '--json']);
    expect(json.code).toBe(5);
    const report = JSON.parse(json.stdout);
    expect(report.ok).toBe(false);
    expect(report.findings[0]).toEqual({ file: 'templates/en/reminder.hbs', line: 10, rule: 'no-threats', text: '"court" before the final notice' });
  });

  it('list shows each template and whether it is built-in or yours', () => {
    const dir = tempDir();
    dunning(dir, ['init']);
    writeFileSync(join(dir, 'templates', 'fr', 'reminder.hbs'), '---\nsubject: Coucou\n---\nBonjour\n');
    const r = dunning(dir, ['templates', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const entries = JSON.parse(r.stdout).templates as { lang: string; name: string; kind: string; source: string }[];
    const find = (lang: string, name: string) => entries.find((e) => e.lang === lang && e.name === name);
    expect(find('fr', 'reminder')).toMatchObject({ kind: 'letter', source: 'overridden' });
    expect(find('en', 'reminder')).toMatchObject({ kind: 'letter', source: 'same' });
    expect(find('de', 'partials/invoice-table.text')).toMatchObject({ kind: 'partial', source: 'same' });
    expect(new Set(entries.map((e) => e.lang))).toEqual(new Set(['en', 'fr', 'de', 'es']));
    const table = dunning(tempDir(), ['templates', 'list']);
    expect(table.stdout).toMatch(/^es\s+plan-confirmation\s+letter\s+built-in\s/m);
  });

  it('show prints the source letters use, yours over the built-in', () => {
    const dir = tempDir();
    const r = dunning(dir, ['templates', 'show', 'de/final-notice']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^---\nsubject: Letzte Mahnung/);
    const partial = dunning(dir, ['templates', 'show', 'partials/invoice-table', '--lang', 'es']);
    expect(partial.stdout).toContain('Total pendiente en {{currency}}');
    expect(partial.stdout).toContain('<table>');
    const missing = dunning(dir, ['templates', 'show', 'reminderr']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no template "reminderr"');
  });

  it('a broken template of yours stops the run with its file and line (exit 2), writing nothing', () => {
    const dir = initConfigured();
    writeFileSync(join(dir, 'templates', 'en', 'reminder.hbs'), '---\nsubject: Hello\n---\nDear {{customer.name}},\n\n{{customer.nmae}}\n');
    dunning(dir, ['import', writeCsv(dir, 'i.csv', [ONE_DEBT]), '--as-of', '2026-03-02']);
    const r = dunning(dir, ['run', '--as-of', '2026-03-02']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('templates/en/reminder.hbs:6: strict: unknown variable "customer.nmae"');
    expect(readdirSync(dir)).not.toContain('outbox');
  });

  it('a misspelt name on a path no letter takes today ({{#if customer.nme}}) still stops the run before anything is drafted', () => {
    const dir = initConfigured();
    // The customer has no letter in German: the German second reminder is not used today, its fault stops the run anyway.
    const broken = join(dir, 'templates', 'de', 'second-reminder.hbs');
    writeFileSync(broken, readFileSync(broken, 'utf8').replace('{{> letterhead}}', '{{> letterhead}}\n{{#if customer.nme}}{{customer.nme}}{{/if}}'));
    dunning(dir, ['import', writeCsv(dir, 'i.csv', [ONE_DEBT]), '--as-of', '2026-03-02']);
    const r = dunning(dir, ['run', '--as-of', '2026-03-02']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('templates/de/second-reminder.hbs:5: strict: unknown variable "customer.nme"');
    expect(r.stderr).toContain('nothing was drafted');
    expect(readdirSync(dir)).not.toContain('outbox');
    expect(JSON.parse(dunning(dir, ['audit', '--format', 'json']).stdout).events.filter((e: { kind: string }) => e.kind === 'letter')).toEqual([]);
  });

  it('check reports files in templates/ that no letter uses: outside a language folder, or a letter nothing names', () => {
    const dir = initConfigured();
    writeFileSync(join(dir, 'templates', 'reminder.hbs'), '---\nsubject: Hi\n---\nHello\n');
    writeFileSync(join(dir, 'templates', 'en', 'remnder.hbs'), readFileSync(join(dir, 'templates', 'en', 'reminder.hbs')));
    const r = dunning(dir, ['templates', 'check']);
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('templates/reminder.hbs:1: unused: outside a language folder, so no letter uses it (move it into templates/en/ or another language folder)');
    expect(r.stdout).toContain('templates/en/remnder.hbs:1: unused: no built-in letter is called "remnder" and no stage names it');
  });

  it.each(['list', 'show', 'check'])('templates %s --help leads with examples', (sub) => {
    const r = dunning(tempDir(), ['templates', sub, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Examples:\n  $ ')).toBe(true);
  });
});

describe('no placeholder reaches a customer', () => {
  it('with the config init writes, run drafts nothing (exit 2) and names each key to fill; templates check reports them (exit 5)', () => {
    const dir = tempDir();
    expect(dunning(dir, ['init']).code).toBe(0);
    dunning(dir, ['import', writeCsv(dir, 'i.csv', [ONE_DEBT]), '--as-of', '2026-03-02']);
    const run = dunning(dir, ['run', '--as-of', '2026-03-02']);
    expect(run.code).toBe(2);
    for (const key of ['business.name: still the placeholder "[Your business name]"', 'business.address: still the placeholder "[Street]"', 'business.paymentInstructions: still the placeholder "[How to pay', 'business.signatory: still the placeholder "[Your name]"']) {
      expect(run.stderr).toContain(key);
    }
    expect(run.stderr).toContain('nothing was drafted');
    expect(readdirSync(dir)).not.toContain('outbox');
    const check = dunning(dir, ['templates', 'check']);
    expect(check.code).toBe(5);
    expect(check.stdout).toMatch(/^dunning\.config\.json:\d+: placeholder: business\.name is still the placeholder "\[Your business name\]" \(fill it in\)$/m);
    expect(check.stdout.match(/placeholder:/g)).toHaveLength(4);
  });

  it('a placeholder left in one language of the payment instructions is named by its key', () => {
    const dir = tempDir();
    configure(dir, { business: { ...TEST_BUSINESS, paymentInstructions: { default: 'Bank transfer, sort code 12-34-56.', fr: '[Comment payer]' } } });
    dunning(dir, ['import', writeCsv(dir, 'i.csv', [ONE_DEBT]), '--as-of', '2026-03-02']);
    const r = dunning(dir, ['run', '--as-of', '2026-03-02']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('business.paymentInstructions.fr: still the placeholder "[Comment payer]"');
  });

  it('without any config, run says to run init and fill in the business', () => {
    const dir = tempDir();
    dunning(dir, ['import', writeCsv(dir, 'i.csv', [ONE_DEBT]), '--as-of', '2026-03-02']);
    const r = dunning(dir, ['run', '--as-of', '2026-03-02']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('there is no dunning.config.json beside the ledger; nothing was drafted (run `dunning init`');
    expect(dunning(dir, ['run', '--as-of', '2026-03-02', '--dry-run']).code).toBe(0);
  });
});

describe('letters as the customer reads them', () => {
  const HEADER = 'invoice_number,customer_id,customer_name,email,issue_date,due_date,currency,amount,amount_paid,language';

  it('greet the contact person when the ledger names one, carry the letter day as Date:, and pay by the text for the language and currency', async () => {
    const dir = tempDir();
    configure(dir, {
      business: {
        ...TEST_BUSINESS,
        paymentInstructions: { default: 'Bank transfer, sort code 12-34-56, account 12345678.', EUR: 'SEPA transfer to IBAN GB33 BUKB 2020 1555 5555 55.', fr: 'Virement au compte 12345678.' },
        signatory: { default: 'Jo Fernwood', fr: 'Jo Fernwood, service comptable' },
      },
    });
    const file = writeCsv(dir, 'i.csv', ['K-1,kestrel,Kestrel Events Ltd,k@kestrel.example,2026-01-01,2026-02-20,GBP,100.00,,', 'H-1,helene,Boulangerie Hélène,h@helene.example,2026-01-01,2026-02-20,GBP,50.00,,fr', 'E-1,etoile,Étoile SARL,e@etoile.example,2026-01-01,2026-02-20,EUR,70.00,,fr'], HEADER);
    expect(dunning(dir, ['import', file, '--as-of', '2026-03-02']).code).toBe(0);
    expect(dunning(dir, ['customer', 'set', 'kestrel', '--contact-name', 'Sam Patel']).code).toBe(0);
    const r = dunning(dir, ['run', '--as-of', '2026-03-02', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const mailOf = async (customer: string) => simpleParser(readFileSync(JSON.parse(r.stdout).letters.find((l: { customer: string }) => l.customer === customer).files[0]));
    const kestrel = await mailOf('kestrel');
    expect(kestrel.text).toContain('Dear Sam Patel,');
    expect(kestrel.text).not.toContain('Dear Kestrel Events Ltd');
    expect(kestrel.date?.toISOString()).toBe('2026-03-02T12:00:00.000Z');
    expect(kestrel.text).toContain('How to pay: Bank transfer, sort code 12-34-56, account 12345678.');
    const helene = await mailOf('helene');
    expect(helene.text).toMatch(/^Bonjour,$/m);
    expect(helene.text).toContain('Virement au compte 12345678.');
    expect(helene.text).toContain('Jo Fernwood, service comptable');
    // The currency's instructions come before the language's: the right bank account matters most.
    expect((await mailOf('etoile')).text).toContain('SEPA transfer to IBAN GB33 BUKB 2020 1555 5555 55.');
  });

  it('a customer whose email would not reach one mailbox stops the run (exit 2), naming the fix, and nothing is drafted', () => {
    const dir = tempDir();
    configure(dir);
    const file = writeCsv(dir, 'i.csv', ['Z-1,zoe,Zoë,zoë@example.com,2026-01-01,2026-02-20,GBP,100.00,,'], HEADER);
    expect(dunning(dir, ['import', file, '--as-of', '2026-03-02']).code).toBe(0);
    const r = dunning(dir, ['run', '--as-of', '2026-03-02']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('zoe: the email address "zoë@example.com" has letters outside ASCII before the @');
    expect(r.stderr).toContain('dunning customer set zoe --email ADDRESS');
    const day = join(dir, 'outbox', '2026-03-02');
    expect(existsSync(day) ? readdirSync(day) : []).toEqual([]);
  });
});

describe('a French customer', () => {
  it('receives a French letter with French dates and euro formatting', async () => {
    const dir = tempDir();
    configure(dir);
    const header = 'invoice_number,customer_id,customer_name,email,issue_date,due_date,currency,amount,amount_paid,language';
    const file = writeCsv(dir, 'factures.csv', ['F-101,boulangerie,Boulangerie Hélène,compta@helene.example,2026-01-15,2026-02-14,EUR,1234.56,,fr'], header);
    expect(dunning(dir, ['import', file, '--as-of', '2026-03-02']).code).toBe(0);
    const r = dunning(dir, ['run', '--as-of', '2026-03-02', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const path = JSON.parse(r.stdout).letters[0].files[0];
    expect(path).toMatch(/\/2026-03-02\/\d{4}-boulangerie-helene-reminder\.eml$/);
    const mail = await simpleParser(readFileSync(path));
    expect(mail.subject).toBe('Petit rappel\u00a0: facture F-101');
    expect((mail.to as AddressObject).value[0]).toEqual({ name: 'Boulangerie Hélène', address: 'compta@helene.example' });
    expect(mail.text).toContain('Bonjour,');
    expect(mail.text).toContain('2 mars 2026');
    expect(mail.text).toContain('échéance le 14/02/2026 (16 jours de retard)');
    expect(mail.text?.replace(/[\u00a0\u202f]/g, ' ')).toContain('reste dû 1 234,56 €');
    expect(mail.text).toContain('ne pas tenir compte de ce courrier');
    expect(mail.html).toContain('<html lang="fr">');
  });

  it('whose language has no letters gets an English letter with the business locale, not foreign dates', async () => {
    const dir = tempDir();
    configure(dir);
    const header = 'invoice_number,customer_id,customer_name,email,issue_date,due_date,currency,amount,amount_paid,language';
    const file = writeCsv(dir, 'i.csv', ['P-1,porto,Porto Lda,p@porto.example,2026-01-15,2026-02-14,EUR,100.00,,pt'], header);
    dunning(dir, ['import', file, '--as-of', '2026-03-02']);
    const path = JSON.parse(dunning(dir, ['run', '--as-of', '2026-03-02', '--json']).stdout).letters[0].files[0];
    const mail = await simpleParser(readFileSync(path));
    expect(mail.text).toContain('March 2, 2026');
    expect(mail.text).toContain('€100.00');
  });
});
