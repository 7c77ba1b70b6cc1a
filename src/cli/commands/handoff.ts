import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';
import { shellQuote } from '../../domain/shell-quote.js';

export function defineHandoff(program: Command): void {
  program
    .command('handoff')
    .description('the package for an agency or a lawyer: statement, invoices, every contact with its letter, the audit extract, a cover note')
    .argument('<customer>', 'customer id')
    .option('--to <dir>', 'where to write the package (default: handoff/<customer>-<date>/ beside the ledger)')
    .option('--note <text>', 'a personal paragraph for the cover note')
    .option('--outbox <dir>', 'where the letters are (default: outbox/ beside the ledger)')
    .option('--force', 'hand off an account whose letters have not reached the hand-off stage (the cover note says so)')
    .option('--no-hold', 'do not put the customer on hold ("handed off"); `run` would keep writing about new invoices')
    .addHelpText(
      'before',
      examples([
        ['dunning handoff kestrel-events', 'write the package beside the ledger'],
        ['dunning handoff kestrel-events --to ~/for-the-agency', 'somewhere else'],
        ['dunning handoff kestrel-events --force', 'before the letters have run their course'],
      ]),
    )
    .action(async (customer: string, opts: { to?: string; note?: string; force?: boolean; hold?: boolean }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { writeHandoff } = await import('../../app/handoff.js');
      const loaded = await ctx.config();
      const moment = await ctx.moment();
      const db = await ctx.openLedger({ create: false });
      try {
        const report = await writeHandoff(db, ctx.ws, loaded, moment, customer, { to: opts.to, note: opts.note ?? null, force: opts.force, hold: opts.hold });
        if (ctx.out.json) {
          ctx.out.printJson(report);
          return;
        }
        for (const f of report.files) ctx.out.data(`${report.dir}/${f}`);
        const owed = report.outstanding.map((m) => `${m.amount} ${m.currency}`).join(', ') || 'nothing';
        ctx.out.info(`Hand-off package for ${customer} in ${report.dir}: ${report.letters} letters, outstanding ${owed}. Check it with \`sha256sum -c SHA256SUMS\` there.`);
        if (report.forced) ctx.out.info(`Handed off before the hand-off stage (${report.reached ?? 'no letter yet'}), as you asked with --force; the cover note says so.`);
        if (report.held) ctx.out.info(`${customer} is on hold ("handed off"): \`run\` writes to them no more. (\`dunning release ${shellQuote(customer)}\` to resume.)`);
        if (!report.onHold) {
          ctx.out.info(
            `Once you hand the account over, \`run\` would still write to ${customer} about new invoices; to leave it to the agency: ` +
              `dunning hold ${shellQuote(customer)} --reason "with the agency"`,
          );
        }
      } finally {
        db.close();
      }
    });
}
