import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { dunning, tempDir, writeCsv } from '../helpers.js';

describe('dunning templates', () => {
  it('check passes the built-in templates (exit 0) and says how much it checked', () => {
    const r = dunning(tempDir(), ['templates', 'check']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/all good \(28 templates, 224 sample letters rendered\)/);
  });

  it('check reports each finding as file:line: rule: text and exits 5; --json gives the same findings', () => {
    const dir = tempDir();
    expect(dunning(dir, ['init']).code).toBe(0);
    const reminder = join(dir, 'templates', 'en', 'reminder.hbs');
    writeFileSync(reminder, readFileSync(reminder, 'utf8').replace('Is everything all right?', 'PAY NOW or we take you to court!!'));
    const r = dunning(dir, ['templates', 'check']);
    expect(r.code).toBe(5);
    expect(r.stdout.trim().split('\n')).toEqual([
      'templates/en/reminder.hbs:8: no-threats: "court" before the final notice',
      'templates/en/reminder.hbs:8: no-shouting: "PAY" is in capitals',
      'templates/en/reminder.hbs:8: no-shouting: "NOW" is in capitals',
      'templates/en/reminder.hbs:8: one-exclamation: 2 exclamation marks in one letter (keep at most one)',
    ]);
    expect(r.stderr).toContain('templates check: 4 problems');
    const json = dunning(dir, ['templates', 'check', '--json']);
    expect(json.code).toBe(5);
    const report = JSON.parse(json.stdout);
    expect(report.ok).toBe(false);
    expect(report.findings[0]).toEqual({ file: 'templates/en/reminder.hbs', line: 8, rule: 'no-threats', text: '"court" before the final notice' });
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
    const dir = tempDir();
    dunning(dir, ['init']);
    writeFileSync(join(dir, 'templates', 'en', 'reminder.hbs'), '---\nsubject: Hello\n---\nDear {{customer.name}},\n\n{{customer.nmae}}\n');
    dunning(dir, ['import', writeCsv(dir, 'i.csv', ['A-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-02-20,GBP,10.00,']), '--as-of', '2026-03-02']);
    const r = dunning(dir, ['run', '--as-of', '2026-03-02']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('templates/en/reminder.hbs:6: strict: unknown variable "customer.nmae"');
    expect(readdirSync(dir)).not.toContain('outbox');
  });

  it.each(['list', 'show', 'check'])('templates %s --help leads with examples', (sub) => {
    const r = dunning(tempDir(), ['templates', sub, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Examples:\n  $ ')).toBe(true);
  });
});

describe('a French customer', () => {
  it('receives a French letter with French dates and euro formatting', async () => {
    const dir = tempDir();
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
    const header = 'invoice_number,customer_id,customer_name,email,issue_date,due_date,currency,amount,amount_paid,language';
    const file = writeCsv(dir, 'i.csv', ['P-1,porto,Porto Lda,p@porto.example,2026-01-15,2026-02-14,EUR,100.00,,pt'], header);
    dunning(dir, ['import', file, '--as-of', '2026-03-02']);
    const path = JSON.parse(dunning(dir, ['run', '--as-of', '2026-03-02', '--json']).stdout).letters[0].files[0];
    const mail = await simpleParser(readFileSync(path));
    expect(mail.text).toContain('March 2, 2026');
    expect(mail.text).toContain('€100.00');
  });
});
