/** What each sending event says, in words: for `audit` and an account's timeline. */
type Data = Record<string, unknown>;

const letter = (d: Data) => `letter ${String(d.letter)} (${String(d.file).split('/').pop()})`;

export const DELIVERY_SUMMARIES: Record<string, (d: Data) => string> = {
  sending: (d) => `${letter(d)} handed to the mail server for ${String(d.to)}, attempt ${String(d.attempt)}`,
  sent: (d) => `${letter(d)} sent to ${String(d.to)}: ${String(d.response)}${d.bcc ? `; archive copy to ${String(d.bcc)}` : ''}`,
  'send-failed': (d) => `${letter(d)} not sent (temporary): ${String(d.reason)}${d.nextAttempt ? `; next try ${String(d.nextAttempt)}` : ''}`,
  'send-rejected': (d) => `${letter(d)} refused by the mail server: ${String(d.reason)}`,
  'send-unknown': (d) => `${letter(d)} may or may not have gone: ${String(d.reason)}`,
  'send-cancelled': (d) => `${letter(d)} cancelled before sending: ${String(d.reason)}`,
  'send-retry': (d) => `${letter(d)} to be sent again (was ${String(d.was)})`,
  'sent-by-hand': (d) => `${letter(d)} sent by hand (${String(d.channel)})`,
  bounce: (d) => `${String(d.address)} bounced: ${String(d.reason)}; the customer is flagged bad-address`,
};

export function deliverySummary(kind: string, d: Data): string | undefined {
  return DELIVERY_SUMMARIES[kind]?.(d);
}
