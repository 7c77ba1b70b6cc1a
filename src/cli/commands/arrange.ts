import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';
import { table } from '../output.js';

export function defineArrange(program: Command): void {
  program
    .command('arrange')
    .description('agree a payment plan (or a promise to pay): dunning of the covered invoices pauses while it is kept')
    .argument('<customer>', 'the customer id')
    .option('--installments <n>', 'how many installments (default 1: a promise to pay)')
    .option('--every <period>', 'week, fortnight or month (default month)')
    .option('--start <date>', 'the day the first installment is due')
    .option('--amount <total>', "the total to pay (default: all the customer owes in the plan's currency)")
    .option('--currency <code>', 'which currency, when the customer owes in more than one')
    .option('--grace <days>', 'days after an installment before it counts as missed (default 3)')
    .option('--cancel', 'cancel the running plan: dunning resumes')
    .addHelpText(
      'before',
      examples([
        ['dunning arrange acme --installments 3 --every month --start 2026-03-15', 'three monthly installments'],
        ['dunning arrange acme --start 2026-03-06', 'a promise to pay by Friday (a plan of one)'],
        ['dunning arrange acme --cancel', 'the plan is off'],
      ]),
    )
    .action(async (customer: string, opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { arrange } = await import('../../app/arrange.js');
      const moment = await ctx.moment();
      const db = await ctx.openLedger({ create: false });
      try {
        const r = await arrange(db, moment, { ...(opts as Record<string, string>), customer, cancel: Boolean(opts.cancel) });
        if (ctx.out.json) {
          ctx.out.printJson(r);
          return;
        }
        if (r.status === 'cancelled') {
          ctx.out.info(`Payment plan #${r.plan} for ${r.customer} cancelled; dunning resumes.`);
          return;
        }
        ctx.out.data(table([['#', 'due', 'amount'], ...r.installments.map((i) => [String(i.seq), i.dueOn, `${i.amount.amount} ${i.amount.currency}`])]));
        ctx.out.info(`Payment plan #${r.plan} for ${r.customer}: ${r.total.amount} ${r.total.currency}, covering ${r.invoices.join(', ')}; ${r.graceDays} days' grace per installment.`);
      } finally {
        db.close();
      }
    });
}
