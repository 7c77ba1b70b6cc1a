/**
 * Fuzzing what comes from outside: CSV files, amount and date cells, the config file, the
 * templates. Whatever the input, the answer is a correct result or a clear error that the CLI
 * maps to exit 2 (usage: the config, a template) or 3 (bad input data); never anything else.
 * Fixed seeds and bounded runs: the same cases every time, well under 20 s.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { isIsoDate } from '../../src/domain/dates.js';
import { DunningError } from '../../src/domain/errors.js';
import { formatDecimal, MAX_AMOUNT_MINOR, parseDecimal } from '../../src/domain/money.js';
import { parseAmount } from '../../src/import/amounts.js';
import { parseDateCell } from '../../src/import/dates.js';
import { openImport } from '../../src/import/read.js';
import { LetterRenderer } from '../../src/letters/render.js';
import { SAMPLES, sampleContext } from '../../src/letters/samples.js';
import { CANONICAL_HEADER, tempDir, TEST_BUSINESS } from '../helpers.js';
import { userTemplates } from '../letters/fixtures.js';

const runs = (numRuns: number, seed: number) => ({ numRuns, seed });

/** A thrown error is acceptable only as a DunningError with exit 2 or 3. */
function expectClearError(e: unknown, exits: number[] = [2, 3]): void {
  expect(e, String((e as Error)?.stack ?? e)).toBeInstanceOf(DunningError);
  expect(exits).toContain((e as DunningError).exitCode);
  expect((e as Error).message.length).toBeGreaterThan(0);
}

// Text that looks like what exports hold, and what they hold by mistake.
const cellChars = fc.constantFrom(...'0123456789.,-+()$€£¥ eE/:TZ\'"\t;aAzZ\u00a0\u2212é\u0000\n\r'.split(''));
const cell = fc.oneof(fc.string({ unit: cellChars, maxLength: 16 }), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));
const currencies = ['GBP', 'USD', 'EUR', 'JPY', 'BHD', 'CHF'];

describe('amount cells', () => {
  it('never throw: a result in safe integer minor units within the limit, or a message', () => {
    fc.assert(
      fc.property(cell, fc.constantFrom(...currencies, null), fc.constantFrom('.', ','), (text, currency, sep) => {
        const r = parseAmount(text, currency, sep as '.' | ',');
        if (r.ok) {
          expect(Number.isSafeInteger(r.minor)).toBe(true);
          expect(Math.abs(r.minor)).toBeLessThanOrEqual(MAX_AMOUNT_MINOR);
        } else expect(r.message.length).toBeGreaterThan(0);
      }),
      runs(3000, 1901),
    );
  });

  it('read back what was written: any amount up to the limit, formatted plainly or with thousands, parses to its minor units', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_AMOUNT_MINOR, max: MAX_AMOUNT_MINOR }), fc.constantFrom(...currencies), fc.boolean(), (minor, currency, grouped) => {
        const plain = formatDecimal(minor, currency);
        expect(parseDecimal(plain, currency)).toEqual({ ok: true, minor });
        const [whole, frac] = plain.replace('-', '').split('.');
        const withThousands = `${minor < 0 ? '-' : ''}${grouped ? whole!.replace(/\B(?=(\d{3})+$)/g, ',') : whole}${frac ? `.${frac}` : ''}`;
        const r = parseAmount(withThousands, currency, '.');
        expect(r.ok && r.minor).toBe(minor);
      }),
      runs(2000, 1902),
    );
  });

  it('plain decimal text never throws either', () => {
    fc.assert(
      fc.property(cell, fc.constantFrom(...currencies), (text, currency) => {
        const r = parseDecimal(text, currency);
        if (r.ok) expect(Number.isSafeInteger(r.minor)).toBe(true);
        else expect(r.message.length).toBeGreaterThan(0);
      }),
      runs(2000, 1903),
    );
  });
});

describe('date cells', () => {
  it('never throw: a real calendar date, or a message', () => {
    fc.assert(
      fc.property(cell, fc.constantFrom('dmy', 'mdy', null), (text, order) => {
        const r = parseDateCell(text, order as 'dmy' | 'mdy' | null);
        if (r.ok) expect(isIsoDate(r.date), `${JSON.stringify(text)} -> ${r.date}`).toBe(true);
        else expect(r.message.length).toBeGreaterThan(0);
      }),
      runs(3000, 1904),
    );
  });

  it('read back any day from 1900 to 2199 written as ISO, day/month/year or month/day/year', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-');
        expect(parseDateCell(iso, null)).toEqual({ ok: true, date: iso });
        expect(parseDateCell(`${day}/${m}/${y}`, 'dmy')).toEqual({ ok: true, date: iso });
        expect(parseDateCell(`${m}/${day}/${y}`, 'mdy')).toEqual({ ok: true, date: iso });
      }),
      runs(1000, 1905),
    );
  });
});

describe('CSV files', () => {
  /** Reads a whole file as `import` does: every row's outcome, or the error that stops it. */
  async function readAll(path: string): Promise<void> {
    const result = await openImport(path, { file: path, format: 'auto', kind: null, mapping: null, currency: null, defaultCurrency: 'GBP', dateOrder: null, termsDays: 30 });
    expect(['invoices', 'payments']).toContain(result.kind);
    for await (const batch of result.items) {
      for (const item of batch) {
        if ('problems' in item) for (const p of item.problems) expect(p.message.length, JSON.stringify(p)).toBeGreaterThan(0);
      }
    }
  }

  const row = fc.array(cell, { minLength: 0, maxLength: 11 }).map((cells) => cells.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
  const header = fc.constantFrom(CANONICAL_HEADER, `\ufeff${CANONICAL_HEADER}`, CANONICAL_HEADER.replace(/,/g, ';'), 'Invoice,Customer,Amount', '', 'amount,amount');
  const bytes = fc.uint8Array({ maxLength: 300 });

  it('rows of mixed-up cells under real and broken headers: rows with problems, or a clear error (exit 2 or 3)', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(header, fc.array(row, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), async (head, rows, eol) => {
        const path = join(dir, `f${n++}.csv`);
        writeFileSync(path, [head, ...rows].join(eol));
        try {
          await readAll(path);
        } catch (e) {
          expectClearError(e);
        }
      }),
      runs(150, 1906),
    );
  });

  it('arbitrary bytes after a canonical header: rows with problems, or a clear error', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        const path = join(dir, `b${n++}.csv`);
        writeFileSync(path, Buffer.concat([Buffer.from(`${CANONICAL_HEADER}\n`), b]));
        try {
          await readAll(path);
        } catch (e) {
          expectClearError(e);
        }
      }),
      runs(150, 1907),
    );
  });
});

describe('the config file', () => {
  const validBase = { business: TEST_BUSINESS, locale: 'en-GB', timeZone: 'Europe/London', defaultCurrency: 'GBP' };
  const keys = ['business', 'locale', 'timeZone', 'defaultCurrency', 'minimumBalance', 'stages', 'fees', 'minDaysBetweenContacts', 'defaultTermsDays', 'segments', 'channel', 'business.name', 'business.email'];

  /** Loads a config written as `text`; it either loads, or is refused with exit 2. */
  async function loads(text: string): Promise<void> {
    const path = join(tempDir(), 'dunning.config.json');
    writeFileSync(path, text);
    try {
      const loaded = await loadConfig(path);
      expect(loaded.config).toBeTruthy();
    } catch (e) {
      expectClearError(e, [2]);
    }
  }

  it('any JSON value, or text that is not JSON: loaded, or refused with exit 2', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ maxLength: 40 })), (text) => loads(text)),
      runs(80, 1908),
    );
  });

  it('a good config with one key set to anything: loaded, or refused with exit 2', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 }), async (key, value) => {
        const config = structuredClone(validBase) as Record<string, unknown>;
        const [top, sub] = key.split('.');
        if (sub) (config[top!] as Record<string, unknown>)[sub] = value;
        else config[top!] = value;
        await loads(JSON.stringify(config));
      }),
      runs(100, 1909),
    );
  });
});

describe('templates', () => {
  const fragment = fc.oneof(
    fc.constantFrom(
      'Dear {{customer.name}},\n\n',
      '{{customer.nme}}',
      '{{#if customer.email}}yes{{/if}}',
      '{{#if customer.nme}}x{{/if}}',
      '{{#each invoices}}{{number}} {{/each}}',
      '{{#each invoices}}',
      '{{/if}}',
      '{{> invoice-table}}',
      '{{> nope}}',
      '{{money 1 2 3}}',
      '{{{customer.name}}}',
      '{{',
      '}}',
      '{{!-- a comment --}}',
      '{{lookup customer "name"}}',
      '{{constructor}}',
      '{{__proto__.x}}',
      '\n\n',
    ),
    fc.string({ maxLength: 12 }),
  );
  const template = fc.tuple(fc.constantFrom('---\nsubject: Hello {{customer.name}}\n---\n', '---\nsubject: Hi\n---\n', '', '---\n'), fc.array(fragment, { maxLength: 8 })).map(([head, parts]) => head + parts.join(''));

  it('any reminder template: a letter with a subject and a body, or a template error naming the file (exit 2)', () => {
    const context = sampleContext(SAMPLES[0]!, 'collection', 'reminder');
    fc.assert(
      fc.property(template, (text) => {
        const { store } = userTemplates({ 'en/reminder.hbs': text });
        try {
          const letter = new LetterRenderer(store).render('en', 'reminder', context);
          expect(typeof letter.subject).toBe('string');
          expect(typeof letter.text).toBe('string');
          expect(typeof letter.html).toBe('string');
        } catch (e) {
          expectClearError(e, [2]);
          expect((e as Error).message).toMatch(/reminder\.hbs/);
        }
      }),
      runs(120, 1910),
    );
  });
});
