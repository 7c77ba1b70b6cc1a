import type { SendReport } from './report.js';

/** What the morning run drafted and flagged (the parts of `run --json` the digest reads). */
export interface RunSummary {
  letters: { customer: string; stage: string; channel: 'email' | 'letter'; files: string[] }[];
  flagged: { customer: string; reason: string; invoices?: string[] }[];
}

export interface DigestFacts {
  asOf: string;
  business: string;
  /** The config's time zone: times are shown as the owner's clock reads them. */
  timeZone: string;
  run: RunSummary;
  send: SendReport;
  badAddresses: { customer: string; address: string; reason: string; on: string }[];
}

const FLAG_WORDS: Record<string, string> = {
  handoff: '60 days past due after every letter: agency, lawyer, or one more call',
  'no-contact-details': 'no email and no postal address: add one so they can be written to',
};

const base = (file: string) => file.split('/').pop()!;

const localTime = (iso: string, timeZone: string) =>
  `${new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))}`;

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : ['', `${title} (${lines.length}):`, ...lines.map((l) => `  ${l}`)];
}

/**
 * The owner's morning digest, as plain text: what went, what did not and why, what needs a
 * decision, and what waits. Written in the order the owner acts on it.
 */
export function digestText(f: DigestFacts): { subject: string; text: string } {
  const { send, run } = f;
  const needs = [
    ...send.unknown.map((u) => `${u.customer}: ${base(u.file)} may or may not have gone; find Message-ID <${u.messageId}> in the sent folder, then dunning mark-sent ${u.letter} or dunning send --retry ${u.letter}`),
    ...run.flagged.map((x) => `${x.customer}: ${FLAG_WORDS[x.reason] ?? x.reason}${x.invoices?.length ? ` (${x.invoices.join(', ')})` : ''}`),
    ...f.badAddresses.map((b) => `${b.customer}: bad address, ${b.address} bounced on ${b.on} (${b.reason}); record a new one with dunning customer set ${b.customer} --email …`),
  ];
  const toPost = run.letters.filter((l) => l.channel === 'letter').map((l) => `${l.customer}: ${l.stage}, ${l.files.map(base).join(' ')}`);
  const lines = [
    `${f.business}: dunning on ${f.asOf}`,
    `${send.sent.length} sent, ${send.rejected.length} rejected, ${send.failed.length} failed, ${send.waiting.length} waiting; ${needs.length} need${needs.length === 1 ? 's' : ''} you.`,
    ...section('Needs you', needs),
    ...section('Sent', send.sent.map((s) => `${s.customer}: ${base(s.file)} (${s.response})${s.missingAttachments ? `; not attached: ${s.missingAttachments.join(', ')}` : ''}`)),
    ...section('Rejected by the mail server', send.rejected.map((s) => `${s.customer}: ${base(s.file)}: ${s.reason}`)),
    ...section('Failed, tried again later', send.failed.map((s) => `${s.customer}: ${base(s.file)}: ${s.reason}${s.nextAttempt ? ` (next try ${localTime(s.nextAttempt, f.timeZone)})` : ''}`)),
    ...section('Cancelled before sending', send.cancelled.map((s) => `${s.customer}: ${base(s.file)}: ${s.reason}`)),
    ...section('Waiting', send.waiting.map((s) => `${s.customer}: ${base(s.file)}: ${s.reason}${s.until ? ` (until ${localTime(s.until, f.timeZone)})` : ''}`)),
    ...section('Printed letters to post', toPost),
    '',
  ];
  const subject = `dunning ${f.asOf}: ${send.sent.length} sent${needs.length > 0 ? `, ${needs.length} need${needs.length === 1 ? 's' : ''} you` : ''}`;
  return { subject, text: lines.join('\n') };
}
