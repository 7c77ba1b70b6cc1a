import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InvoiceState } from '../../src/domain/account.js';
import { LetterRenderer } from '../../src/letters/render.js';
import { SAMPLES, sampleContext } from '../../src/letters/samples.js';
import { TemplateStore } from '../../src/letters/templates.js';
import { htmlPage } from '../../src/letters/write.js';

/**
 * Printed letters checked the way they reach a customer: printed to PDF by headless Chromium
 * (Debian package `chromium`) and read back with pdftotext (`poppler-utils`). Both are
 * installed with apt-get when missing and the tests run as root; otherwise these tests are
 * skipped with a note saying so.
 */
function tool(path: string, pkg: string): string | null {
  if (existsSync(path)) return path;
  if (process.getuid?.() === 0) spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: 'ignore', timeout: 600_000 });
  return existsSync(path) ? path : null;
}
const CHROMIUM = tool('/usr/bin/chromium', 'chromium');
const PDFTOTEXT = tool('/usr/bin/pdftotext', 'poppler-utils');
const CAN_PRINT = CHROMIUM !== null && PDFTOTEXT !== null;
if (!CAN_PRINT) console.warn('test/letters/print.test.ts: skipped, no Chromium or pdftotext (install the Debian packages `chromium` and `poppler-utils`, or run the tests as root to have them installed)');

const work = mkdtempSync(join(tmpdir(), 'dunning-print-'));
// Chromium's profiles are tens of megabytes: not left behind.
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Prints an HTML document to PDF and gives the text of each page. */
function printed(name: string, html: string): string[] {
  const source = join(work, `${name}.html`);
  const pdf = join(work, `${name}.pdf`);
  writeFileSync(source, html);
  const r = spawnSync(
    CHROMIUM!,
    ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(work, `profile-${name}`)}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${source}`],
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect(existsSync(pdf), r.stderr).toBe(true);
  const text = spawnSync(PDFTOTEXT!, ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
  return text.split('\f').filter((page) => page.trim() !== '');
}

/** A final notice on paper listing `n` invoices: long enough to run over pages. */
function finalNotice(n: number): string {
  const base = SAMPLES[0]!;
  const invoices: InvoiceState[] = Array.from({ length: n }, (_, i) => ({ ...base.invoices[0]!, number: `INV-${2000 + i}` }));
  const context = sampleContext({ ...base, invoices }, 'final', 'final-notice', 'en');
  return htmlPage(new LetterRenderer(new TemplateStore(null)).render('en', 'final-notice', context), 'en', true);
}

/**
 * The same letter several times in one document, each starting on a new page after a spacer of
 * a different height, so the page break falls at a different place in each: one of them would
 * cut between the last paragraph and the signature unless the layout keeps them together.
 */
function atEveryOffset(page: string): string {
  const body = page.slice(page.indexOf('<body>') + '<body>'.length, page.indexOf('</body>'));
  const copies = Array.from({ length: 9 }, (_, k) => `<section style="break-before: page"><div style="height: ${150 + k * 12}mm">Copy ${k + 1}</div>${body}</section>`);
  return page.replace(body, copies.join('\n'));
}

/** Per copy: whether "Yours sincerely," and the signature share a page with the paragraph before them. */
function closingsKeptTogether(pages: string[]): boolean[] {
  const byCopy = new Map<number, string[]>();
  let copy = 0;
  for (const page of pages) {
    copy = Number(/Copy (\d+)/.exec(page)?.[1] ?? copy);
    byCopy.set(copy, [...(byCopy.get(copy) ?? []), page]);
  }
  return [...byCopy.values()].map((ofCopy) => {
    const signed = ofCopy.find((p) => p.includes('Jo Fernwood'))!;
    return signed.includes('Yours sincerely,') && signed.includes('please disregard this letter');
  });
}

describe.skipIf(!CAN_PRINT)('a printed letter, as Chromium prints it', () => {
  it('says what it is about under the date, and numbers its pages "Page n of N"', () => {
    const pages = printed('long', finalNotice(60));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[0]).toMatch(/March 2, 2026\s+Final notice: £72,000\.00 due by March 16, 2026/);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  it('never leaves the signature alone on a page: it stays with the sign-off and the paragraph before', () => {
    const page = finalNotice(3);
    const kept = closingsKeptTogether(printed('offsets', atEveryOffset(page)));
    expect(kept).toHaveLength(9);
    expect(kept.every(Boolean)).toBe(true);
    // The same copies without the rule that keeps them together: some would be cut, so the check above can fail.
    const loose = closingsKeptTogether(printed('offsets-loose', atEveryOffset(page.replace('<div class="closing">', '<div>'))));
    expect(loose.some((k) => !k)).toBe(true);
  });
});
