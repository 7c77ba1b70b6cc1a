import type { Command } from 'commander';
import type { ShowReport } from '../../app/show.js';
import { formatMoney } from '../../domain/money.js';
import { cliContext } from '../context.js';
import { examples } from '../help.js';
import { table } from '../output.js';

/** The account as text: sections in the order a credit controller reads them, money as money ("£1,880.00"). */
function render(r: ShowReport, locale: string): string {
  const m = (x: { minor: number; currency: string }) => formatMoney(x.minor, x.currency, locale);
  const c = r.customer;
  const out: string[] = [`${c.name} (${c.id})${r.invoice ? `, invoice ${r.invoice}` : ''} on ${r.asOf}`];
  const reach = [c.contactName ? `for the attention of ${c.contactName}` : null, c.email, c.phone, c.address?.replace(/\n/g, ', ')].filter(Boolean).join(' · ');
  out.push(reach || 'no email, phone or address on file');
  out.push('', 'Invoices');
  out.push(
    table([
      ['invoice', 'due', 'late', 'amount', 'paid', 'balance', 'stage', 'note'],
      ...r.invoices.map((i) => [
        i.number,
        i.dueDate,
        i.daysOverdue > 0 && i.balance.minor > 0 ? `${i.daysOverdue}d` : '',
        m(i.amount),
        m(i.paid),
        m(i.balance),
        i.stage ? `${i.stage} ${i.stageOn}` : '-',
        [i.status !== 'open' ? i.status : '', i.hold ? 'on hold' : '', i.plan ? 'on plan' : ''].filter(Boolean).join(', '),
      ]),
    ]),
  );
  out.push('', `Balance: ${r.balances.map((b) => `${m(b.open)} open, ${m(b.overdue)} overdue`).join('; ') || 'nothing open'}`);
  const s = r.segment;
  out.push(
    `Payment history: ${s.paidInvoices === 0 ? 'no invoices paid yet' : `${s.paidInvoices} paid, ${s.onTimePercent}% on time, ${s.averageDaysLate} days late on average`}` +
      (s.id ? `; segment ${s.id} (+${s.extraGraceDays} days' grace)` : ''),
  );
  for (const h of r.holds) out.push(`On hold${h.invoice ? ` (${h.invoice})` : ''} since ${h.placedOn}: ${h.reason}${h.until ? `, until ${h.until}` : ''}`);
  if (r.plan) {
    const p = r.plan;
    out.push('', `Payment plan #${p.id} (${p.state}${p.missedOn ? ` on ${p.missedOn}` : ''}${p.completedOn ? ` on ${p.completedOn}` : ''}), arranged ${p.createdOn}: ${m(p.paid)} of ${m(p.total)} paid`);
    out.push(table([['instalment', 'due', 'amount', 'paid'], ...p.installments.map((i) => [String(i.seq), i.dueOn, m(i.amount), i.paid ? 'yes' : 'no'])]));
  }
  if (r.fees.length > 0) {
    out.push('', 'Fees and interest charged');
    out.push(table([['invoice', 'charged', 'amount', 'what'], ...r.fees.map((f) => [f.invoice, f.chargedOn, m(f.amount), f.description])]));
    out.push(`Total: ${r.feeTotals.map(m).join(', ')}`);
  }
  const n = r.next;
  out.push('', `Next run: ${n.action === 'letter' ? `a ${n.stage} letter` : n.action === 'flag' ? `flagged (${n.reason})` : n.action === 'skip' ? `nothing (${n.reason})` : 'nothing due'}`);
  out.push('', 'Timeline');
  out.push(r.timeline.length === 0 ? '(no events yet)' : table(r.timeline.map((e) => [e.on, e.kind, e.summary])));
  return out.join('\n');
}

export function defineShow(program: Command): void {
  program
    .command('show')
    .description('one account in full: invoices, balances, stage, holds, plan, segment, fees and the timeline of every event')
    .argument('<customer|invoice>', 'a customer id or an invoice number')
    .addHelpText(
      'before',
      examples([
        ['dunning show acme', 'the whole account'],
        ['dunning show INV-1042', 'one invoice and its history'],
        ['dunning show acme --json', 'for scripts'],
      ]),
    )
    .action(async (what: string, _opts: unknown, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { showAccount } = await import('../../app/show.js');
      const loaded = await ctx.config();
      const { asOf } = await ctx.moment();
      const db = await ctx.openLedger({ create: false });
      try {
        const r = showAccount(db, loaded.policy, asOf, what);
        if (ctx.out.json) ctx.out.printJson(r);
        else ctx.out.data(render(r, loaded.config.locale));
      } finally {
        db.close();
      }
    });
}
