import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Business } from './context.js';
import type { RenderedLetter } from './render.js';

/** `0007-acme-gmbh-reminder`: readable, safe on every file system, unique by its sequence. */
export function letterFileStem(seq: number, customerName: string, stage: string): string {
  const slug =
    customerName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'customer';
  const safeStage = stage.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `${String(seq).padStart(4, '0')}-${slug}-${safeStage}`;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  @page { size: A4; margin: 20mm; }
  @media print and (width: 8.5in) { @page { size: letter; margin: 0.75in; } }
  body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.45; color: #222; max-width: 170mm; margin: 0 auto; }
  .letterhead { border-bottom: 1px solid #999; margin-bottom: 12mm; padding-bottom: 4mm; }
  .letterhead .name { font-size: 16pt; }
  .address { white-space: pre-line; margin-bottom: 10mm; }
  table { border-collapse: collapse; width: 100%; margin: 4mm 0; }
  th, td { text-align: left; padding: 1.5mm 2mm; border-bottom: 1px solid #ddd; }
  td.num, th.num { text-align: right; }
  tr.total td { font-weight: bold; border-bottom: none; }
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
