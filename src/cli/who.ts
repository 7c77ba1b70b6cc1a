import type { RunReport } from '../app/run.js';
import { shellQuote } from '../domain/shell-quote.js';

type Flagged = RunReport['flagged'][number];
type Skipped = RunReport['skipped'][number];

const who = (x: { customer: string; name: string }) => (x.name && x.name !== x.customer ? `${x.customer} (${x.name})` : x.customer);

/** Why a customer is flagged, and what the owner can do about it, in a line. */
function flagWords(f: Flagged): string {
  const id = shellQuote(f.customer);
  const invoices = f.invoices.join(', ');
  switch (f.reason) {
    case 'handoff':
      return `every letter has gone unanswered (${invoices}); your decision: agency, lawyer, or one more call (\`dunning handoff ${id}\`)`;
    case 'no-contact-details':
      return `has no email that reaches them (none on file, or it bounced) and no postal address; add contact details to write to them (\`dunning customer set ${id} --email ADDRESS\`)`;
    case 'stale':
      return `already long overdue when first imported (${invoices}), so not chased; your decision: \`dunning release INVOICE --stale\` to start, or \`dunning write-off INVOICE --reason TEXT\``;
    default:
      return f.reason;
  }
}

/** Every flag that needs the owner's decision, one line each: printed even with --quiet, so a cron log shows them. */
export function flagLines(flagged: Flagged[]): string[] {
  return flagged.map((f) => `${who(f)}: ${flagWords(f)}`);
}

const HELD_BACK: Record<string, string> = {
  hold: 'on hold',
  plan: 'keeping a payment plan',
  'min-interval': 'contacted too recently',
  'below-minimum': 'owes less than the minimum chased',
  'no-contact-details': 'no email that reaches them and no postal address',
  reviewed: 'skipped in review today',
};

/** Who is held back today, grouped by why; a long list is cut at `limit` names per reason. */
export function heldBackLines(skipped: Skipped[], limit = 12): string[] {
  const byReason = new Map<string, Skipped[]>();
  for (const s of skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s]);
  return [...byReason].map(([reason, list]) => {
    const names = list.slice(0, limit).map(who).join(', ');
    const more = list.length > limit ? ` and ${list.length - limit} more (\`--json\` lists them all)` : '';
    return `${HELD_BACK[reason] ?? reason}: ${names}${more}`;
  });
}
