import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';

export function definePay(program: Command): void {
  program
    .command('pay')
    .description('record a payment on an invoice (partial payments welcome)')
    .argument('<invoice>', 'the invoice number')
    .argument('<amount>', "the amount paid, in the invoice's currency, written as in your exports (250.00, 1,250.00, 1.250,00)")
    .option('--date <date>', 'the day the money arrived (default: the as-of day)')
    .option('--ref <reference>', 'a bank reference or cheque number')
    .addHelpText(
      'before',
      examples([
        ['dunning pay INV-1042 250.00', 'a part payment today'],
        ['dunning pay INV-1042 1200.00 --date 2026-03-01 --ref "BACS 88213"', 'paid in full on 1 March'],
      ]),
    )
    .action(async (invoice: string, amount: string, opts: { date?: string; ref?: string }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { pay } = await import('../../app/pay.js');
      const moment = await ctx.moment();
      const db = await ctx.openLedger({ create: false });
      try {
        const r = await pay(db, moment, { invoice, amount, date: opts.date, ref: opts.ref });
        if (ctx.out.json) ctx.out.printJson(r);
        else
          ctx.out.info(
            `Recorded ${r.amount.amount} ${r.amount.currency} on ${r.invoice} (${r.customer}), ${r.on}. ` +
              (r.paidInFull ? 'Paid in full.' : `Still open: ${r.balance.amount} ${r.balance.currency}.`) +
              (r.plansCompleted > 0 ? ' The payment plan is complete.' : ''),
          );
      } finally {
        db.close();
      }
    });
}
