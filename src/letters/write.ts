import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Business } from './context.js';
import type { RenderedLetter } from './render.js';

/** Letters NFKD does not take apart into a base letter and an accent. */
const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower-case ASCII words joined by dashes: `Müller & Søn GmbH` -> `muller-son-gmbh`. */
export function slug(text: string, max: number): string {
  const whole = text
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => LIGATURES[c]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (whole.length <= max) return whole;
  // Cut at a word when one ends in the second half, so a long name stays readable.
  const dash = whole.lastIndexOf('-', max);
  return whole.slice(0, dash > max / 2 ? dash : max).replace(/-+$/, '');
}

/**
 * `0007-acme-gmbh-reminder`: readable, and safe on every file system whatever the customer is
 * called (`../../etc`, emoji, 300 characters, nothing at all): only a-z, 0-9 and dashes, never
 * a dot or a slash. The sequence (the letter's event id) makes it unique in its ledger.
 */
export function letterFileStem(seq: number, customerName: string, stage: string): string {
  const name = slug(customerName, 40) || 'customer';
  return `${String(seq).padStart(4, '0')}-${name}-${slug(stage, 30) || 'letter'}`;
}

/**
 * A file name in `dir` that nothing has taken yet (another ledger may share an outbox):
 * `stem.ext`, else `stem-2.ext`, … A name whose path would leave `dir` is refused.
 */
export function freeFileName(dir: string, stem: string, ext: string, taken: (name: string) => boolean): string {
  for (let n = 1; ; n++) {
    const name = `${stem}${n === 1 ? '' : `-${n}`}.${ext}`;
    const path = resolve(dir, name);
    if (dirname(path) !== resolve(dir) || name.includes('/') || name.includes('\\')) throw new Error(`unsafe letter file name: ${name}`);
    if (!taken(name)) return name;
  }
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/*
 * Print-ready on A4 and US Letter alike: no fixed page size, so the printer's paper decides,
 * and margins that leave a text block (170 mm wide) fitting both. Nothing external is loaded:
 * no fonts, images or stylesheets, so the page prints the same offline and leaks nothing.
 */
const STYLE = `
  @page { margin: 18mm 20mm 20mm 20mm; }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.45; color: #222; max-width: 170mm; margin: 10mm auto; }
  @media print { body { margin: 0; max-width: none; } }
  .letterhead { border-bottom: 1px solid #999; margin-bottom: 10mm; padding-bottom: 3mm; }
  .letterhead .name { font-size: 16pt; }
  .letterhead .contact span + span::before { content: ' · '; }
  .lines { white-space: pre-line; }
  .recipient { min-height: 30mm; margin-bottom: 8mm; }
  .date { text-align: right; margin-bottom: 8mm; }
  table { border-collapse: collapse; width: 100%; margin: 4mm 0; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { text-align: left; padding: 1.5mm 2mm; border-bottom: 1px solid #ddd; vertical-align: top; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  tr.total td { font-weight: bold; border-bottom: 2px solid #999; }
  tr.credit td { font-style: italic; }
  p { margin: 0 0 3.5mm; orphans: 3; widows: 3; }
`;

/** A complete HTML document for a letter: print-ready, no external resources. */
export function htmlPage(letter: RenderedLetter, lang: string): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(letter.subject)}</title>
<style>${STYLE}</style>
</head>
<body>
${letter.html}
</body>
</html>
`;
}

export interface EmlOptions {
  from: Business;
  to: { name: string; email: string };
  eventId: number;
  /** The moment the draft is written (UTC ISO), from the CLI. */
  date: string;
  lang: string;
}

/**
 * An RFC 5322 draft built by nodemailer's MailComposer (nothing is sent): header encoding of
 * accented names, line folding and multipart boundaries are where hand-written MIME breaks.
 */
export async function emlDraft(letter: RenderedLetter, o: EmlOptions): Promise<Buffer> {
  const node = new MailComposer({
    from: o.from.email ? { name: o.from.name, address: o.from.email } : undefined,
    to: { name: o.to.name, address: o.to.email },
    subject: letter.subject,
    text: letter.text,
    html: htmlPage(letter, o.lang),
    date: new Date(o.date),
    messageId: `<dunning-${o.eventId}-${sha256(letter.text).slice(0, 16)}@dunning.invalid>`,
    headers: { 'X-Dunning-Event': String(o.eventId), 'X-Unsent': '1' },
  }).compile();
  // A boundary derived from the content keeps drafts reproducible (golden files, hashes).
  (node as unknown as { baseBoundary: string }).baseBoundary = sha256(letter.text + letter.html).slice(0, 24);
  return node.build();
}
