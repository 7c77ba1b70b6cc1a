import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { domainToASCII } from 'node:url';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { IsoDate } from '../domain/dates.js';
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
 * A printed letter numbers its pages ("Page 2 of 3") and never leaves the signature alone on
 * a page: the last paragraphs and the signature stay together.
 */
const STYLE = `
  @page { margin: 18mm 20mm 20mm 20mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-family: Georgia, 'Times New Roman', serif; font-size: 9pt; color: #555; } }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.45; color: #222; max-width: 170mm; margin: 10mm auto; }
  @media print { body { margin: 0; max-width: none; } }
  .letterhead { border-bottom: 1px solid #999; margin-bottom: 10mm; padding-bottom: 3mm; }
  .letterhead .name { font-size: 16pt; }
  .letterhead .contact span + span::before { content: ' · '; }
  .lines { white-space: pre-line; }
  .recipient { min-height: 30mm; margin-bottom: 8mm; }
  .date { text-align: right; margin-bottom: 8mm; }
  .subject { font-weight: bold; margin: 0 0 6mm; }
  table { border-collapse: collapse; width: 100%; margin: 4mm 0; page-break-inside: auto; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  th, td { text-align: left; padding: 1.5mm 2mm; border-bottom: 1px solid #ddd; vertical-align: top; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  tr.total td { font-weight: bold; border-bottom: 2px solid #999; }
  tr.credit td { font-style: italic; }
  p { margin: 0 0 3.5mm; orphans: 3; widows: 3; }
  .closing { break-inside: avoid; page-break-inside: avoid; }
`;

/**
 * The paragraphs that close a letter (the last one before the sign-off, the sign-off and the
 * signature) wrapped so that a page break never falls between them.
 */
function keepClosingTogether(html: string, paragraphs = 3): string {
  const blocks = [...html.matchAll(/<p>[^]*?<\/p>/g)];
  let start = html.length;
  for (let i = blocks.length - 1, kept = 0; i >= 0 && kept < paragraphs; i--, kept++) {
    const b = blocks[i]!;
    if (html.slice(b.index + b[0].length, start).trim() !== '') break;
    start = b.index;
  }
  if (start === html.length) return html;
  return `${html.slice(0, start)}<div class="closing">\n${html.slice(start).trimEnd()}\n</div>`;
}

/** A paper letter says what it is about under the date (a posted final notice says "Final notice"). */
function withSubjectLine(html: string, subject: string): string {
  const line = `<p class="subject">${escapeHtml(subject)}</p>`;
  const date = /<div class="date">[^]*?<\/div>\n?/.exec(html);
  if (!date) return `${line}\n${html}`;
  const end = date.index + date[0].length;
  return `${html.slice(0, end)}${date[0].endsWith('\n') ? '' : '\n'}${line}\n${html.slice(end)}`;
}

/**
 * A complete HTML document for a letter, with no external resources. `print`: the page is the
 * letter itself (sent on paper), so it carries the subject line and keeps the signature with
 * the last paragraph; an email's HTML part has its subject in the mail header.
 */
export function htmlPage(letter: RenderedLetter, lang: string, print = false): string {
  const body = print ? withSubjectLine(keepClosingTogether(letter.html), letter.subject) : letter.html;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(letter.subject)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * Why an address cannot go into a mail header, or null when it can: one mailbox, printable
 * ASCII before the @ (a raw UTF-8 local part needs SMTPUTF8, which a draft cannot promise),
 * no spaces, commas, brackets or control characters that would make it another recipient.
 */
export function mailboxProblem(address: string): string | null {
  if (/[\x00-\x1f\x7f]/.test(address)) return 'contains a control character (a line break or tab)';
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return 'is not one address of the form name@example.com';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (/[^\x00-\x7f]/.test(local)) return 'has letters outside ASCII before the @, which many mail servers refuse (use an ASCII address)';
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local)) return 'is not one address of the form name@example.com';
  if (!/^[^\s@<>(),;:"[\]\\]+$/u.test(domain) || domainToASCII(domain) === '' || domain.split('.').some((l) => l === '')) return 'has an invalid domain after the @';
  return null;
}

/**
 * A header phrase (a display name, a subject) as RFC 2047 encoded words when it could be read
 * as something else: an `=?…?=` in a customer's name is shown literally, never decoded into
 * text the sender did not write. Words stay under 76 characters and never split a character.
 */
export function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\r\n ');
}

/** A display name for a header: as it is when plain words, else encoded words. */
function displayName(name: string): string {
  return /^[\w .'-]*$/.test(name) && !/=\?/.test(name) ? name : encodedWords(name);
}

export interface EmlOptions {
  from: Pick<Business, 'name' | 'email'>;
  to: { name: string; email: string };
  eventId: number;
  /** The letter's day: its `Date:` header is that day at noon UTC, the same day in every time zone. */
  day: IsoDate;
  lang: string;
}

/** An address that cannot go into a header: the customer's email needs fixing first. */
export class MailboxError extends Error {}

/**
 * An RFC 5322 draft built by nodemailer's MailComposer (nothing is sent): header encoding of
 * accented names, line folding and multipart boundaries are where hand-written MIME breaks.
 */
export async function emlDraft(letter: RenderedLetter, o: EmlOptions): Promise<Buffer> {
  for (const address of [o.to.email, ...(o.from.email ? [o.from.email] : [])]) {
    const problem = mailboxProblem(address);
    if (problem) throw new MailboxError(`the email address ${JSON.stringify(address)} ${problem}`);
  }
  // Names carry customer data: nodemailer would put `=?utf-8?b?…?=` in quotes, which mail
  // clients decode anyway, so the address goes in alone and the name is added, encoded by us.
  const ascii = (address: string) => {
    const at = address.lastIndexOf('@');
    return `${address.slice(0, at)}@${domainToASCII(address.slice(at + 1))}`; // an accented domain as punycode
  };
  const names: [string, string, string][] = [['To', o.to.name, ascii(o.to.email)]];
  if (o.from.email) names.push(['From', o.from.name, ascii(o.from.email)]);
  // A subject with `=?` in it (an invoice number, a name) is encoded too, so it reads literally.
  const encodeSubject = /=\?/.test(letter.subject);
  const node = new MailComposer({
    from: o.from.email ? ascii(o.from.email) : undefined,
    to: ascii(o.to.email),
    subject: encodeSubject ? undefined : letter.subject,
    text: letter.text,
    html: htmlPage(letter, o.lang),
    date: new Date(`${o.day}T12:00:00Z`),
    messageId: `<dunning-${o.eventId}-${sha256(letter.text).slice(0, 16)}@dunning.invalid>`,
    headers: {
      ...(encodeSubject ? { Subject: { prepared: true, value: encodedWords(letter.subject) } } : {}),
      'X-Dunning-Event': String(o.eventId),
      'X-Unsent': '1',
    },
  }).compile();
  // A boundary derived from the content keeps drafts reproducible (golden files, hashes).
  (node as unknown as { baseBoundary: string }).baseBoundary = sha256(letter.text + letter.html).slice(0, 24);
  return withDisplayNames(await node.build(), names);
}

/** Puts each display name before its address in the header block: `To: a@b.c` -> `To: Name <a@b.c>`. */
function withDisplayNames(eml: Buffer, names: [string, string, string][]): Buffer {
  const end = eml.indexOf('\r\n\r\n');
  let head = eml.subarray(0, end).toString('latin1');
  for (const [header, name, address] of names) {
    if (!name) continue;
    const line = `${header}: ${address}\r\n`;
    const at = `${head}\r\n`.indexOf(line);
    if (at < 0) throw new Error(`the draft has no "${header}: ${address}" header to name`);
    head = `${head.slice(0, at)}${header}: ${displayName(name)} <${address}>${head.slice(at + line.length - 2)}`;
  }
  return Buffer.concat([Buffer.from(head, 'latin1'), eml.subarray(end)]);
}
