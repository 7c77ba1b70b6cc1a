import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';

export function defineWriteOff(program: Command): void {
  program
    .command('write-off')
    .description('write off an invoice: out of receivables, never chased again (e.g. a stale debt)')
    .argument('<invoice>', 'the invoice number')
    .requiredOption('--reason <text>', 'why: it goes in the audit trail')
    .addHelpText(
      'before',
      examples([
        ['dunning write-off INV-0907 --reason "company dissolved"', 'a debt not worth chasing'],
        ['dunning write-off INV-0907 --reason "too old to pursue" --json', 'for scripts'],
      ]),
    )
    .action(async (invoice: string, opts: { reason: string }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { writeOffInvoice } = await import('../../app/write-off.js');
      const moment = await ctx.moment();
      const db = await ctx.openLedger({ create: false });
      try {
        const r = await writeOffInvoice(db, moment, { invoice, reason: opts.reason });
        if (ctx.out.json) ctx.out.printJson(r);
        else ctx.out.info(r.writtenOff ? `${r.invoice} (${r.customer}) written off: no longer owed or chased.` : `${r.invoice} is not open: nothing was written off.`);
      } finally {
        db.close();
      }
    });
}
