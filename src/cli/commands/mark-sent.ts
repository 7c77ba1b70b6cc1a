import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';

export function defineMarkSent(program: Command): void {
  program
    .command('mark-sent')
    .description('record letters sent by hand (from a mail client, or posted); they move to outbox/sent/')
    .argument('[letter]', "the letter's number (its event, 0042) or file name")
    .option('--date <date>', 'every letter drafted that day and not yet sent')
    .option('--channel <channel>', 'post or email (default: email for .eml, post for .html)')
    .addHelpText(
      'before',
      examples([
        ['dunning mark-sent 0042-acme-ltd-reminder.eml', 'sent from your mail client'],
        ['dunning mark-sent --date 2026-03-02 --channel post', "posted every printed letter of 2 March"],
        ['dunning mark-sent 42', 'a letter send left unknown, found in the sent folder'],
      ]),
    )
    .action(async (letter: string | undefined, opts: { date?: string; channel?: string }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { UsageError } = await import('../../domain/errors.js');
      if ((letter === undefined) === (opts.date === undefined)) throw new UsageError('name one letter, or give --date D for every letter drafted that day');
      if (opts.channel !== undefined && opts.channel !== 'post' && opts.channel !== 'email') throw new UsageError(`--channel ${opts.channel}: must be post or email`);
      const { markSent } = await import('../../app/send-by-hand.js');
      const moment = await ctx.moment();
      const db = await ctx.openLedger({ create: false });
      try {
        const r = await markSent(db, ctx.ws, moment, { letter, date: opts.date }, opts.channel as 'post' | 'email' | undefined);
        if (ctx.out.json) {
          ctx.out.printJson(r);
          return;
        }
        for (const m of r.marked) ctx.out.info(`${m.file} (${m.customer}): sent by ${m.channel}${m.was === 'drafted' ? '' : ` (was ${m.was})`}.`);
        for (const a of r.alreadySent) ctx.out.info(`${a.file} (${a.customer}): already sent; nothing changed.`);
        if (r.marked.length + r.alreadySent.length === 0) ctx.out.info(`No letter drafted on ${opts.date} is waiting to be marked sent.`);
      } finally {
        db.close();
      }
    });
}
