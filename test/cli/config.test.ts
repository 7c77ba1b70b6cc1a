import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleConfig } from '../../src/app/init.js';
import { spawnSync } from 'node:child_process';
import { BIN, CANONICAL_HEADER, dunning, ROOT, tempDir } from '../helpers.js';

function withConfig(config: unknown): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'dunning.config.json'), JSON.stringify(config));
  return dir;
}

describe('an invalid config stops every command with exit 2, naming the key, the value and the fix', () => {
  it.each([
    [{ thankYou: 'yes' }, 'thankYou: must be true or false (no quotes) (found "yes")'],
    [{ minDaysBetweenContacts: 3.5 }, 'minDaysBetweenContacts: must be a whole number, like 7 (found 3.5)'],
    [{ minDaysBetweenContacts: -1 }, 'minDaysBetweenContacts: must be at least 0 (found -1)'],
    [{ minimumBalance: { GBP: '10.005' } }, 'minimumBalance.GBP: "10.005" has more decimal places than GBP allows (2)'],
    [{ minimumBalance: { XXY: '10.00' } }, 'minimumBalance.XXY: "XXY" is not an ISO 4217 currency code'],
    [{ letters: { format: 'pdf' } }, 'letters.format: must be one of "auto", "html" (found "pdf")'],
    [{ thankyou: false }, 'unknown key "thankyou" (check the spelling, or remove it; notes go under "//")'],
    [{ stages: [{ id: 'a', daysFromDue: 10 }, { id: 'b', daysFromDue: 5 }] }, 'stages.1.daysFromDue: stages climb in order'],
    [{ stages: [{ id: 'a', daysFromDue: 1 }, { id: 'a', daysFromDue: 5 }] }, 'stages.1.id: "a" appears twice'],
    [{ stages: [{ id: 'Final Notice', daysFromDue: 1 }] }, 'stages.0.id: must be lower-case letters, digits and dashes'],
    [{ fees: { stages: { 'last-warning': { fixed: { GBP: '5.00' } } } } }, 'fees.stages.last-warning: no stage "last-warning" on the ladder (use one of "courtesy", "reminder"'],
    [{ fees: { stages: { reminder: { fixed: { GBP: '5.00' }, percent: '2' } } } }, 'fees.stages.reminder: give either "fixed" (per currency) or "percent"'],
    [{ fees: { stages: { reminder: { percent: '2.125' } } } }, 'fees.stages.reminder.percent: must be a percentage written as text, like "2.5" (at most two decimals) (found "2.125")'],
    [{ fees: { statutory: { regime: 'us', referenceRate: '4.00' } } }, 'fees.statutory.regime: must be one of "uk", "eu" (found "us")'],
    [{ fees: { statutory: { regime: 'uk', referenceRate: '4.00', fromStage: 'final' } } }, 'fees.statutory.fromStage: no stage "final" on the ladder'],
    [{ segments: [{ id: 'reliable', minOnTimePercent: 120 }] }, 'segments.0.minOnTimePercent: must be at most 100 (found 120)'],
    [{ segments: [{ id: 'reliable', extraGrace: 7 }] }, 'segments.0: unknown key "extraGrace"'],
    [{ locale: 'en_GB' }, 'locale: is not a BCP 47 language tag (use "en-GB") (found "en_GB")'],
    [{ locale: 'english' }, 'locale: is not a language tag this system supports (use "en") (found "english")'],
    [{ locale: 'zz-ZZ' }, 'locale: is not a language tag this system supports (use a tag such as "en-GB"'],
    [{ timeZone: 'London' }, 'timeZone: is not an IANA time zone (use one such as "Europe/London"'],
    [{ defaultCurrency: 'euro' }, 'defaultCurrency: must be an ISO 4217 currency code such as USD, EUR or GBP (found "euro")'],
    [{ stages: [{ id: 'reminder', daysFromDue: 3, template: '../../etc/secret' }] }, 'stages.0.template: must be a template name inside templates/, like "final-notice" (no folders, no ".hbs") (found "../../etc/secret")'],
    [{ fees: { stages: { reminder: { percent: '999.99' } } } }, 'fees.stages.reminder.percent: must be at most "25" (percent) (found "999.99")'],
    [{ fees: { statutory: { regime: 'uk', referenceRate: '99.00' } } }, 'fees.statutory.referenceRate: must be at most "25" (percent) (found "99.00")'],
    [{ business: { paymentInstructions: { fr: 'Virement' } } }, 'business.paymentInstructions: needs a "default" text for the languages and currencies not listed'],
    [{ business: { signatory: { default: 'Jo', French: 'Jo' } } }, 'business.signatory.French: "French" is not "default", a language ("fr"), a currency ("EUR") or both ("fr EUR")'],
    [{ business: { paymentInstructions: { default: 'Bank', XYZ: 'Bank' } } }, 'business.paymentInstructions.XYZ: "XYZ" is not an ISO 4217 currency code'],
    [{ business: { paymentInstructions: { default: 'Bank', 'fr EUR': 'Banque', 'qq GBP': 'x' } } }, 'business.paymentInstructions.qq GBP: "qq" is not a language this system knows'],
  ])('%j', (config, message) => {
    const r = dunning(withConfig(config), ['status', '--as-of', '2026-03-02']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('the README section "Config" lists every key');
  });

  it('accepts the example config init writes, with fees present but switched off', () => {
    const config = exampleConfig();
    expect(config.fees).toMatchObject({ enabled: false });
    const r = dunning(withConfig(config), ['status', '--as-of', '2026-03-02']);
    expect(r.stderr).not.toContain('dunning.config.json:');
    expect(r.code).toBe(2); // no ledger yet: the config itself was fine
    expect(r.stderr).toContain('no ledger here');
  });
});

describe('the config file as editors save it', () => {
  it('is read with a UTF-8 byte-order mark (as Notepad saves it)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'dunning.config.json'), `\uFEFF${JSON.stringify({ locale: 'en_GB' })}`);
    expect(dunning(dir, ['status', '--as-of', '2026-03-02']).stderr).toContain('locale: is not a BCP 47 language tag (use "en-GB")');
    writeFileSync(join(dir, 'dunning.config.json'), `\uFEFF${JSON.stringify({ locale: 'en-GB' })}`);
    const r = dunning(dir, ['status', '--as-of', '2026-03-02']);
    expect(r.stderr).not.toContain('dunning.config.json');
    expect(r.stderr).toContain('no ledger here');
  });

  it('is validated (zod loaded) only when its text changed since it was last found valid', () => {
    const dir = tempDir();
    expect(dunning(dir, ['init']).code).toBe(0);
    const zodLoaded = () => {
      const record = join(dir, 'modules.txt');
      writeFileSync(record, '');
      const hook = join(ROOT, 'test', 'perf', 'fixtures', 'record-modules.mjs');
      const r = spawnSync(process.execPath, ['--import', hook, BIN, 'status', '--as-of', '2026-03-02'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', RECORD_MODULES: record } });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(record, 'utf8').includes('/node_modules/zod/');
    };
    expect(zodLoaded()).toBe(true); // the first command validates
    expect(zodLoaded()).toBe(false); // the next ones read what was kept
    const path = join(dir, 'dunning.config.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"minDaysBetweenContacts": 7', '"minDaysBetweenContacts": 8'));
    expect(zodLoaded()).toBe(true);
  });

  it('is validated again whenever its text changes, even after a valid version was kept', () => {
    const dir = withConfig({ locale: 'en-GB' });
    expect(dunning(dir, ['status', '--as-of', '2026-03-02']).stderr).not.toContain('dunning.config.json:');
    expect(existsSync(join(dir, '.dunning.config.json.validated'))).toBe(true);
    expect(statSync(join(dir, '.dunning.config.json.validated')).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'dunning.config.json'), JSON.stringify({ locale: 'english' }));
    const r = dunning(dir, ['status', '--as-of', '2026-03-02']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('locale: is not a language tag this system supports (use "en")');
  });
});

describe('dunning init', () => {
  it('takes the locale and time zone from LANG and TZ, and says which it chose', () => {
    const dir = tempDir();
    const r = dunning(dir, ['init'], { LANG: 'fr_FR.UTF-8', TZ: 'Europe/Paris' });
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, 'dunning.config.json'), 'utf8'));
    expect([config.locale, config.timeZone]).toEqual(['fr-FR', 'Europe/Paris']);
    expect(r.stderr).toContain('Letters in fr-FR (from LANG=fr_FR.UTF-8), "today" in Europe/Paris (from TZ)');
  });

  it('with LANG=C and a TZ that is no IANA zone, keeps the defaults and says so', () => {
    const dir = tempDir();
    const r = dunning(dir, ['init'], { LANG: 'C', TZ: 'nowhere', });
    const config = JSON.parse(readFileSync(join(dir, 'dunning.config.json'), 'utf8'));
    expect(config.locale).toBe('en');
    expect(r.stderr).toContain('Letters in en (from the default)');
  });

  it('beside a ledger made by import, adds the config and templates and keeps the ledger as it was', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'i.csv'), `${CANONICAL_HEADER}\nA-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-02-20,GBP,10.00,\n`);
    expect(dunning(dir, ['import', 'i.csv', '--as-of', '2026-03-02']).code).toBe(0);
    const before = readFileSync(join(dir, 'dunning.db'));
    const r = dunning(dir, ['init', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.created.map((p: string) => p.split('/').pop()).sort()).toEqual(['dunning.config.json', 'dunning.config.schema.json', 'templates']);
    expect(report.kept.map((p: string) => p.split('/').pop())).toEqual(['dunning.db']);
    expect(readFileSync(join(dir, 'dunning.db')).equals(before)).toBe(true);
    expect(JSON.parse(dunning(dir, ['status', '--as-of', '2026-03-02', '--json']).stdout).customers.map((c: { id: string }) => c.id)).toEqual(['acme']);
    const again = dunning(dir, ['init']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('init never overwrites');
  });

  it('--db names the ledger it creates, with the config and templates beside it', () => {
    const dir = tempDir();
    const r = dunning(dir, ['init', '--db', join('books', 'acme.db')]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['acme.db', 'dunning.config.json', 'templates']) expect(existsSync(join(dir, 'books', f))).toBe(true);
    expect(existsSync(join(dir, 'books', 'dunning.db'))).toBe(false);
    expect(dunning(dir, ['init', 'elsewhere', '--db', join('books', 'other.db')]).code).toBe(2);
  });
});

describe('one spelling of "instalment"', () => {
  it('arrange --help offers --instalments; the old --installments still works, unlisted', () => {
    const dir = tempDir();
    const help = dunning(dir, ['arrange', '--help']);
    expect(help.stdout).toContain('--instalments <n>');
    expect(help.stdout).not.toContain('--installments');
    writeFileSync(join(dir, 'i.csv'), `${CANONICAL_HEADER}\nA-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-02-20,GBP,90.00,\n`);
    expect(dunning(dir, ['import', 'i.csv', '--as-of', '2026-03-02']).code).toBe(0);
    const old = dunning(dir, ['arrange', 'acme', '--installments', '3', '--start', '2026-03-09', '--no-letter', '--as-of', '2026-03-02', '--json']);
    expect(old.code, old.stderr).toBe(0);
    expect(JSON.parse(old.stdout).installments).toHaveLength(3);
    const shown = dunning(dir, ['show', 'acme', '--as-of', '2026-03-02']).stdout;
    expect(shown).toContain('payment plan #1: £90.00 in 3 instalments from 2026-03-09');
    expect(shown).not.toMatch(/installment|minor units/);
  });
});

describe('the README', () => {
  it('documents every config key the schema knows', async () => {
    const { readFileSync } = await import('node:fs');
    const { configJsonSchema } = await import('../../src/domain/config-schema.js');
    const { ROOT } = await import('../helpers.js');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Config'), readme.indexOf('## Letters and templates'));
    // The `sending` block has its own table, under "Sending letters", keyed without the `sending.` prefix.
    const sending = readme.slice(readme.indexOf('## Sending letters'), readme.indexOf('### What happens to each letter'));
    type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[] };
    const keys: string[] = [];
    const walk = (s: Schema, path: string) => {
      const node = s.anyOf?.find((x) => x.properties || x.items) ?? s;
      if (node.items) return walk(node.items, `${path}[]`);
      for (const [k, v] of Object.entries(node.properties ?? {})) {
        const p = path ? `${path}.${k}` : k;
        const child = v.anyOf?.find((x) => x.properties) ?? v;
        if (!child.properties) keys.push(p); // leaves (and lists); an object is documented by its keys
        walk(v, p);
      }
    };
    walk(configJsonSchema() as Schema, '');
    expect(keys.length).toBeGreaterThan(30);
    const missing = keys.filter((k) => {
      // Notes go under "//" at any level; a segment's own ladder has the keys of `stages`.
      if (k.startsWith('sending.') && !k.endsWith('//')) return !sending.includes(`\`${k.slice('sending.'.length)}\``);
      const key = k.endsWith('//') ? '//' : k.replace(/^segments\[\]\.stages\[\]/, 'stages[]');
      if (section.includes(`\`${key}\``)) return false;
      const leaf = k.slice(k.lastIndexOf('.')); // business.address is documented as `.address`
      return !(k.startsWith('business.') && section.includes(`\`${leaf}\``));
    });
    expect(missing).toEqual([]);
  });
});
