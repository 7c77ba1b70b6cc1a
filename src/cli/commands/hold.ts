import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';

export function defineHold(program: Command): void {
  program
    .command('hold')
    .description('stop dunning a customer or one invoice (a dispute, "cheque in the post")')
    .argument('<customer|invoice>', 'a customer id or an invoice number (customer:ID or invoice:NUMBER when both exist)')
    .requiredOption('--reason <text>', 'why: it goes in the audit trail')
    .option('--until <date>', 'the hold lifts itself after this day')
    .addHelpText(
      'before',
      examples([
        ['dunning hold INV-1042 --reason "disputes the hours billed"', 'one invoice in dispute'],
        ['dunning hold acme --reason "cheque in the post" --until 2026-03-13', 'the whole account, until a date'],
      ]),
    )
    .action(async (what: string, opts: { reason: string; until?: string }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { hold } = await import('../../app/hold.js');
      const moment = await ctx.moment();
      const db = await ctx.openLedger({ create: false });
      try {
        const r = await hold(db, moment, { target: what, reason: opts.reason, until: opts.until });
        if (ctx.out.json) ctx.out.printJson(r);
        else ctx.out.info(`On hold: ${r.target.invoice ?? `all of ${r.target.customer}`}${r.until ? ` until ${r.until}` : ' until released'}.`);
      } finally {
        db.close();
      }
    });

  program
    .command('release')
    .description('lift the holds on a customer or one invoice: dunning resumes where it stood')
    .argument('<customer|invoice>', 'a customer id or an invoice number')
    .option('--reason <text>', 'why (e.g. "dispute resolved")')
    .option('--stale', 'start dunning an invoice that was already long overdue when first imported (flagged "stale")')
    .addHelpText(
      'before',
      examples([
        ['dunning release INV-1042 --reason "agreed the hours"', 'the dispute is settled'],
        ['dunning release acme', 'lift every hold on the account'],
        ['dunning release INV-0907 --stale', 'dun a debt that was stale when imported'],
      ]),
    )
    .action(async (what: string, opts: { reason?: string; stale?: boolean }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { release } = await import('../../app/hold.js');
      const moment = await ctx.moment();
      const db = await ctx.openLedger({ create: false });
      try {
        const r = await release(db, moment, { target: what, reason: opts.reason, stale: opts.stale });
        if (ctx.out.json) ctx.out.printJson(r);
        else if (r.stale) ctx.out.info(r.released ? `${r.target.invoice}: released; \`run\` dunns it from today, starting with the reminder.` : `${r.target.invoice} was already released.`);
        else ctx.out.info(r.released ? `Released ${r.released} hold${r.released === 1 ? '' : 's'} on ${r.target.invoice ?? r.target.customer}.` : `Nothing was on hold for ${r.target.invoice ?? r.target.customer}.`);
      } finally {
        db.close();
      }
    });
}
