import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';

export function defineNote(program: Command): void {
  program
    .command('note')
    .description('record a contact made by hand; it counts towards the contact interval')
    .argument('<customer>', 'the customer id')
    .argument('<text>', 'what was said')
    .option('--channel <channel>', 'phone, email, letter or meeting (default phone)')
    .option('--date <date>', 'the day of the contact (default: the as-of day)')
    .addHelpText(
      'before',
      examples([
        ['dunning note acme "Spoke to Sam: payment run is on Friday"', 'a phone call'],
        ['dunning note acme "Met at the trade fair" --channel meeting --date 2026-03-01', 'an earlier meeting'],
      ]),
    )
    .action(async (customer: string, text: string, opts: { channel?: string; date?: string }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { note } = await import('../../app/note.js');
      const moment = await ctx.moment();
      const db = await ctx.openLedger({ create: false });
      try {
        const r = await note(db, moment, { customer, text, channel: opts.channel, date: opts.date });
        if (ctx.out.json) ctx.out.printJson(r);
        else ctx.out.info(`Noted a ${r.channel} contact with ${r.customer} on ${r.on}.`);
      } finally {
        db.close();
      }
    });
}
