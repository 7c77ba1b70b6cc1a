import addressparser from 'nodemailer/lib/addressparser/index.js';
import MimeNode from 'nodemailer/lib/mime-node/index.js';

/** A letter as it goes over SMTP: the message, who the server is told it is from and for. */
export interface Outgoing {
  raw: Buffer;
  envelope: { from: string; to: string[] };
  /** The draft's Message-ID, without angle brackets: the same on every attempt. */
  messageId: string;
  /** The customer's address, from the draft's To: (the one a 550 at RCPT refuses). */
  recipient: string;
  /** The file names attached. */
  attached: string[];
}

export interface Dressing {
  /** sending.from, replacing the draft's From: when given. */
  from?: string;
  replyTo?: string;
  /** An archive copy: in the envelope only, never in a header the customer sees. */
  bcc?: string;
  attachments: { filename: string; content: Buffer }[];
}

interface Header {
  name: string;
  /** The header line(s) as written, folding included, without the final CRLF. */
  line: string;
}

const CRLF = '\r\n';

function splitMessage(eml: Buffer): { headers: Header[]; body: Buffer } {
  const text = eml.toString('latin1');
  const end = text.indexOf(CRLF + CRLF);
  if (end < 0) throw new Error('the draft has no header block');
  const headers: Header[] = [];
  for (const line of text.slice(0, end).split(CRLF)) {
    if (/^[ \t]/.test(line) && headers.length > 0) headers.at(-1)!.line += CRLF + line;
    else headers.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), line });
  }
  return { headers, body: eml.subarray(end + 4) };
}

const valueOf = (h: Header | undefined) => (h ? h.line.slice(h.line.indexOf(':') + 1).replace(/\r\n[ \t]+/g, ' ').trim() : '');

/** A header encoded as nodemailer encodes it (accented names, folding). */
function encodedHeader(name: string, value: string): string {
  const node = new MimeNode('text/plain');
  node.setHeader(name, value);
  const line = node.buildHeaders().split(/\r\n(?=\S)/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line!;
}

/** Who a draft is for and its Message-ID, read from its headers alone. */
export function draftAddressing(eml: Buffer): { recipient: string; messageId: string } {
  const { headers } = splitMessage(eml);
  const get = (name: string) => headers.find((h) => h.name === name);
  const recipient = addressparser(valueOf(get('to')))[0]?.address;
  const messageId = valueOf(get('message-id')).replace(/[<>\s]/g, '');
  if (!recipient) throw new Error('the draft names no recipient (To:)');
  if (!messageId) throw new Error('the draft has no Message-ID');
  return { recipient, messageId };
}

/**
 * The draft, ready to go: the same Message-ID, subject and body; `X-Unsent` dropped; From and
 * Reply-To as `sending` says; the invoices' files attached (the draft becomes the first part of
 * a multipart/mixed, byte for byte). The draft file itself is never changed.
 */
export async function outgoingMessage(eml: Buffer, d: Dressing): Promise<Outgoing> {
  const { headers, body } = splitMessage(eml);
  const get = (name: string) => headers.find((h) => h.name === name);
  const recipients = addressparser(valueOf(get('to'))).map((a) => a.address).filter((a): a is string => !!a);
  const messageId = valueOf(get('message-id')).replace(/[<>\s]/g, '');
  if (recipients.length === 0) throw new Error('the draft names no recipient (To:)');
  if (!messageId) throw new Error('the draft has no Message-ID');

  const replaced = new Set(['x-unsent', 'bcc', ...(d.from ? ['from'] : []), ...(d.replyTo ? ['reply-to'] : [])]);
  const kept = headers.filter((h) => !replaced.has(h.name));
  const added = [...(d.from ? [encodedHeader('From', d.from)] : []), ...(d.replyTo ? [encodedHeader('Reply-To', d.replyTo)] : [])];
  const fromHeader = d.from ?? valueOf(get('from'));
  const from = addressparser(fromHeader)[0]?.address;
  if (!from) throw new Error('no From address: set sending.from or business.email in the config');
  const envelope = { from, to: d.bcc ? [...recipients, d.bcc] : recipients };

  let raw: Buffer;
  if (d.attachments.length === 0) {
    const head = [...added, ...kept.map((h) => h.line)].join(CRLF);
    raw = Buffer.concat([Buffer.from(head + CRLF + CRLF, 'latin1'), body]);
  } else {
    raw = await withAttachments(kept, added, body, d.attachments);
  }
  return { raw, envelope, messageId, recipient: recipients[0]!, attached: d.attachments.map((a) => a.filename) };
}

const CONTENT = new Set(['content-type', 'content-transfer-encoding', 'mime-version']);

/**
 * The draft's headers over a multipart/mixed whose first part is the draft's own content, byte for
 * byte, and the files after it. nodemailer builds the parts; the headers stay the draft's own
 * (address headers handed to nodemailer as text would be parsed again, or dropped).
 */
async function withAttachments(kept: Header[], added: string[], body: Buffer, files: Dressing['attachments']): Promise<Buffer> {
  const root = new MimeNode('multipart/mixed');
  const content = kept.filter((h) => CONTENT.has(h.name) && h.name !== 'mime-version').map((h) => h.line);
  root.createChild('text/plain').setRaw(Buffer.concat([Buffer.from(content.join(CRLF) + CRLF + CRLF, 'latin1'), body]));
  for (const f of files) root.createChild(f.filename.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream', { filename: f.filename }).setContent(f.content);
  const built = await new Promise<Buffer>((resolve, reject) => root.build((e: Error | null, out: Buffer) => (e ? reject(e) : resolve(out))));
  const { headers: rootHeaders, body: parts } = splitMessage(built);
  const contentType = rootHeaders.find((h) => h.name === 'content-type')!.line;
  const head = [...added, ...kept.filter((h) => !CONTENT.has(h.name)).map((h) => h.line), 'MIME-Version: 1.0', contentType].join(CRLF);
  return Buffer.concat([Buffer.from(head + CRLF + CRLF, 'latin1'), parts]);
}
