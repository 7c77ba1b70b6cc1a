import { Outbox } from '../app/outbox.js';
import { applyReview, todaysProposals, type Decision, type Proposal, type ReviewReport } from '../app/review.js';
import { daysOverdue, isIsoDate } from '../domain/dates.js';
import { EventLog } from '../ledger/events.js';
import { letterPreview, moneyList } from './desk-view.js';
import type { DeskSession } from './draft-flow.js';
import * as prompts from './prompts.js';

type Action = 'approve' | 'note' | 'read' | 'skip' | 'hold' | 'stop';

function describe(p: Proposal, asOf: string): string {
  const who = `${p.customer.name} (${p.customer.id})`;
  if ('flag' in p) return `${who}: hand-off flag, no letter (the letters have run out): ${p.flag.lines.map((l) => l.invoice.number).join(', ')}`;
  const l = p.letter;
  const invoices = (l.lines.length > 0 ? l.lines.map((x) => x.invoice) : l.thanks)
    .map((i) => (daysOverdue(i.dueDate, asOf) > 0 && i.balance > 0 ? `${i.number} (${daysOverdue(i.dueDate, asOf)} days late)` : i.number))
    .join(', ');
  return `${who}: ${l.stage} letter by ${l.channel}: ${invoices}; ${moneyList(l.total)}`;
}

function actions(p: Proposal, note: string) {
  const letter = 'letter' in p;
  return [
    { value: 'approve', name: letter ? `Approve${note ? ' (with your paragraph)' : ''}` : 'Approve: record the flag for your decision' },
    ...(letter ? [{ value: 'note', name: note ? 'Edit the personal paragraph' : 'Add a personal paragraph' }, { value: 'read', name: 'Read the letter' }] : []),
    { value: 'skip', name: 'Skip (give a reason; recorded)' },
    { value: 'hold', name: 'Hold the customer (give a reason)' },
    { value: 'stop', name: 'Stop: write what was decided so far' },
  ] as { value: Action; name: string }[];
}

/**
 * `dunning review`: walks today's plan (the very one `run` would apply) one account at a time.
 * Decisions are kept until the end and then applied in one transaction: a letter approved here
 * is a contact, so `run` does not draft it again the same day.
 */
export async function reviewFlow(s: DeskSession): Promise<ReviewReport | null> {
  const { db, loaded, moment, out } = s;
  const { asOf } = moment;
  const { plan, proposals } = todaysProposals(db, loaded, asOf);
  if (proposals.length === 0) {
    out.info(`${asOf}: nothing to review; \`run\` would draft no letters today${plan.skipped.length ? ` (${plan.skipped.length} accounts are waiting: holds, plans or recent contacts)` : ''}.`);
    return null;
  }
  out.info(`${asOf}: ${proposals.length} proposal${proposals.length === 1 ? '' : 's'} to review. Nothing is written until the end.`);
  const outbox = new Outbox(db, s.ws, loaded, moment, new EventLog(db, moment.stamp));
  const decisions: Decision[] = [];
  walk: for (const [n, p] of proposals.entries()) {
    out.data(`\n[${n + 1}/${proposals.length}] ${describe(p, asOf)}`);
    const stage = 'letter' in p ? p.letter.stage : 'flag';
    const customerId = p.customer.id;
    let note = '';
    for (;;) {
      const action = await prompts.choose(`${p.customer.name}:`, actions(p, note), 'approve');
      if (action === 'stop') break walk;
      if (action === 'approve') {
        decisions.push({ customerId, action, stage, personalNote: note || null });
        continue walk;
      }
      if (action === 'note') note = await prompts.text('Personal paragraph (Enter for none)', note);
      if (action === 'read' && 'letter' in p) out.data(letterPreview(p.letter, outbox.render(p.letter, p.customer, note || null), p.customer.email ?? p.customer.name));
      if (action === 'skip') {
        decisions.push({ customerId, action, stage, reason: await prompts.text('Why skip it? (recorded in the audit trail)', '', true) });
        continue walk;
      }
      if (action === 'hold') {
        const reason = await prompts.text('Reason for the hold (a dispute, "cheque in the post")', '', true);
        const until = await prompts.optionalDate('Hold until (YYYY-MM-DD; Enter: until released)', isIsoDate, asOf);
        decisions.push({ customerId, action, reason, until });
        continue walk;
      }
    }
  }
  const count = (a: Decision['action']) => decisions.filter((d) => d.action === a).length;
  if (decisions.length === 0) {
    out.info('Nothing decided: nothing was written.');
    return null;
  }
  const summary = `${count('approve')} approved, ${count('skip')} skipped, ${count('hold')} held`;
  if (!s.yes && !(await prompts.yesNo(`Write it now (${summary})?`, true))) {
    out.info('Nothing was written.');
    return null;
  }
  const report = await applyReview(db, s.ws, loaded, moment, decisions);
  for (const l of report.letters) out.data(`${l.customer}  ${l.stage}  ${l.file}`);
  for (const c of report.stale) out.warn(`${c}: the ledger changed while you were reviewing (another command contacted them); not written`);
  out.info(`${asOf}: ${report.letters.length} letter${report.letters.length === 1 ? '' : 's'} drafted, ${report.flagged.length} flagged, ${report.skipped.length} skipped, ${report.held.length} held.`);
  return report;
}
