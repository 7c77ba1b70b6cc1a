import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';

export function defineBounce(program: Command): void {
  program
    .command('bounce')
    .description('record an address that bounced: its customers are flagged bad-address until a new one is recorded')
    .argument('<address>', 'the email address that bounced')
    .option('--reason <text>', "what the bounce said (e.g. '550 5.1.1 mailbox unknown')")
    .addHelpText(
      'before',
      examples([
        ['dunning bounce ap@acme.example --reason "550 mailbox unknown"', 'a bounce that came back by mail'],
        ['dunning customer set acme --email accounts@acme.example', 'then record the new address'],
      ]),
    )
    .action(async (address: string, opts: { reason?: string }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { recordMailBounce } = await import('../../app/send-by-hand.js');
      const moment = await ctx.moment();
      const db = await ctx.openLedger({ create: false });
      try {
        const r = await recordMailBounce(db, moment, address, opts.reason);
        if (ctx.out.json) ctx.out.printJson(r);
        else ctx.out.info(`${r.address} bounced: ${r.customers.join(', ')} flagged bad-address; no letter goes to it until a new address is recorded.`);
      } finally {
        db.close();
      }
    });
}
