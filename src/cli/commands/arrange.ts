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
    .option('--no-letter', 'record the plan without drafting the confirmation letter')
    .option('--outbox <dir>', 'where the confirmation letter goes (default: outbox/ beside the ledger)')
    .addHelpText(
      'before',
      examples([
        ['dunning arrange acme --installments 3 --every month --start 2026-03-15', 'three monthly installments'],
        ['dunning arrange acme --start 2026-03-06', 'a promise to pay by Friday (a plan of one)'],
        ['dunning arrange acme --start 2026-03-06 --no-letter', 'agreed on the phone; no confirmation letter'],
        ['dunning arrange acme --cancel', 'the plan is off'],
      ]),
    )
    .action(async (customer: string, opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { arrange } = await import('../../app/arrange.js');
      const moment = await ctx.moment();
      const drafting = opts.letter === false ? undefined : { ws: ctx.ws, loaded: await ctx.config() };
      const db = await ctx.openLedger({ create: false });
      try {
        const r = await arrange(db, moment, { ...(opts as Record<string, string>), customer, cancel: Boolean(opts.cancel) }, drafting);
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
        if (r.letter && 'file' in r.letter) ctx.out.info(`Confirmation letter: ${r.letter.file}`);
        else if (r.letter?.skipped === 'no-contact-details') ctx.out.warn(`${r.customer} has no email and no address: no confirmation letter was drafted`);
      } finally {
        db.close();
      }
    });
}
