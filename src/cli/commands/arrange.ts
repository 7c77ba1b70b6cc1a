import { Option, type Command } from 'commander';
import { formatMoney } from '../../domain/money.js';
import { cliContext } from '../context.js';
import { examples } from '../help.js';
import { table } from '../output.js';

export function defineArrange(program: Command): void {
  program
    .command('arrange')
    .description('agree a payment plan (or a promise to pay): dunning of the covered invoices pauses while it is kept')
    .argument('<customer>', 'the customer id')
    .option('--instalments <n>', 'how many instalments (default 1: a promise to pay)')
    // The spelling of earlier versions, still understood.
    .addOption(new Option('--installments <n>').hideHelp())
    .option('--every <period>', 'week, fortnight or month (default month)')
    .option('--start <date>', 'the day the first instalment is due')
    .option('--amount <total>', "the total to pay (default: all the customer owes in the plan's currency)")
    .option('--currency <code>', 'which currency, when the customer owes in more than one')
    .option('--grace <days>', 'days after an instalment before it counts as missed (default 3)')
    .option('--cancel', 'cancel the running plan: dunning resumes')
    .option('--no-letter', 'record the plan without drafting the confirmation letter')
    .option('--outbox <dir>', 'where the confirmation letter goes (default: outbox/ beside the ledger)')
    .addHelpText(
      'before',
      examples([
        ['dunning arrange acme --instalments 3 --every month --start 2026-03-15', 'three monthly instalments'],
        ['dunning arrange acme --start 2026-03-06', 'a promise to pay by Friday (a plan of one)'],
        ['dunning arrange acme --start 2026-03-06 --no-letter', 'agreed on the phone; no confirmation letter'],
        ['dunning arrange acme --cancel', 'the plan is off'],
      ]),
    )
    .action(async (customer: string, opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { arrange } = await import('../../app/arrange.js');
      const moment = await ctx.moment();
      const drafting = opts.letter === false || opts.cancel ? undefined : { ws: ctx.ws, loaded: await ctx.config() };
      // The confirmation letter goes to the customer: the same checks as run's before it is drafted.
      if (drafting) (await import('../../app/templates.js')).refuseUnfitLetters(drafting.ws, drafting.loaded);
      const instalments = (opts.instalments ?? opts.installments) as string | undefined;
      const db = await ctx.openLedger({ create: false });
      try {
        const r = await arrange(db, moment, { ...(opts as Record<string, string>), installments: instalments, customer, cancel: Boolean(opts.cancel) }, drafting);
        if (ctx.out.json) {
          ctx.out.printJson(r);
          return;
        }
        if (r.status === 'cancelled') {
          ctx.out.info(`Payment plan #${r.plan} for ${r.customer} cancelled; dunning resumes.`);
          return;
        }
        const money = (m: { minor: number; currency: string }) => formatMoney(m.minor, m.currency);
        ctx.out.data(table([['instalment', 'due', 'amount'], ...r.installments.map((i) => [String(i.seq), i.dueOn, money(i.amount)])]));
        ctx.out.info(`Payment plan #${r.plan} for ${r.customer}: ${money(r.total)}, covering ${r.invoices.join(', ')}; ${r.graceDays} days' grace per instalment.`);
        if (r.letter && 'file' in r.letter) ctx.out.info(`Confirmation letter: ${r.letter.file}`);
        else if (r.letter?.skipped === 'no-contact-details') ctx.out.warn(`${r.customer} has no email that reaches them and no postal address: no confirmation letter was drafted`);
      } finally {
        db.close();
      }
    });
}
