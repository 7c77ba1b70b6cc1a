import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';
import { table, TABLE_WIDTH } from '../output.js';
import { moneyList } from '../../report/words.js';

export function defineStatus(program: Command): void {
  program
    .command('status')
    .description('receivables at a glance: aging per currency, who is at which stage, what run would do next')
    .addHelpText(
      'before',
      examples([
        ['dunning status', 'the overview'],
        ['dunning status --json', 'for scripts'],
        ['dunning status --as-of 2026-03-02', 'as it stood on a given day'],
      ]),
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const loaded = await ctx.config();
      const { asOf } = await ctx.moment();
      const db = await ctx.openLedger({ create: false, rowChecks: false, mapped: true });
      try {
        // An empty ledger is answered without loading the planner (a cron job's quiet day).
        const { BUCKETS, statusOfEmptyLedger } = await import('../../app/status-report.js');
        const s = statusOfEmptyLedger(db, asOf) ?? (await import('../../app/status.js')).receivablesStatus(db, loaded.policy, asOf);
        if (ctx.out.json) {
          ctx.out.printJson(s);
          return;
        }
        if (s.totals.length === 0) {
          ctx.out.data(`${asOf}: nothing is owed. (Load invoices with \`dunning import FILE\`.)`);
          return;
        }
        ctx.out.data(`Receivables on ${asOf}\n`);
        ctx.out.data(
          table([
            ['currency', 'open', 'overdue', ...BUCKETS, 'credits'],
            ...s.totals.map((t) => [t.currency, t.open.amount, t.overdue.amount, ...BUCKETS.map((b) => t.buckets[b].amount), t.credits.amount]),
          ]),
        );
        ctx.out.data('');
        const note = (c: { hold: boolean; plan: boolean }) => (c.hold ? (c.plan ? 'on hold, on a plan' : 'on hold') : c.plan ? 'on a plan' : '');
        const rows: string[][] = [['customer', 'name', 'stage', 'open', 'overdue', 'note']];
        // A loop of plain cells: a large ledger lists 50,000 customers.
        for (const c of s.customers) rows.push([c.id, c.name, c.stage ?? '-', c.open.length === 0 ? '' : moneyList(c.open), moneyList(c.overdue), note(c)]);
        ctx.out.data(table(rows, TABLE_WIDTH, [3, 4]));
        const n = s.next.letters.length;
        ctx.out.data(`\nNext run: ${n} letter${n === 1 ? '' : 's'}, ${s.next.flagged.length} flagged, ${s.next.skipped.length} held back.`);
        // Who, and why: the owner acts on names, not counts.
        const { flagLines, heldBackLines } = await import('../who.js');
        for (const line of flagLines(s.next.flagged)) ctx.out.data(`  flagged: ${line}`);
        for (const line of heldBackLines(s.next.skipped)) ctx.out.data(`  held back, ${line}`);
      } finally {
        db.close();
      }
    });
}
