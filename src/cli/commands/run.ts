import type { Command } from 'commander';
import { cliContext, type CliContext } from '../context.js';
import { examples } from '../help.js';
import { table } from '../output.js';
import { flagLines, heldBackLines } from '../who.js';

/** A run drafting at least this many letters shows a progress bar on a terminal. */
const PROGRESS_FROM = 500;

export function defineRun(program: Command): void {
  program
    .command('run')
    .description("plan today's contacts, draft the letters into the outbox and record them")
    .option('--dry-run', 'show what would be drafted; write nothing')
    .option('--send', 'then send the email letters (dunning send) and mail the owner the morning digest')
    .option('--outbox <dir>', 'where letters go (default: outbox/ beside the ledger)')
    .option('--wait [seconds]', 'if another run holds the ledger, wait for it (default: up to 600 seconds) instead of exiting 4')
    .option('--undo-last', 'take back the latest run (a mistyped --as-of), if none of its letters has been sent')
    .addHelpText(
      'before',
      examples([
        ['dunning run', "draft today's letters"],
        ['dunning run --dry-run', 'see what would be drafted'],
        ['dunning run --quiet --db ~/books/dunning.db', 'from cron'],
        ['dunning run --wait', 'queue behind a run that is still going'],
        ['dunning run --as-of 2026-03-02 --json', 'a given day, for scripts'],
        ['dunning run --undo-last', 'take back a run made with a mistyped --as-of'],
      ]),
    )
    .action(async (opts: { dryRun?: boolean; wait?: boolean | string; send?: boolean; undoLast?: boolean }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      if (opts.undoLast) return undoLast(ctx);
      const { runDunning } = await import('../../app/run.js');
      const loaded = await ctx.config();
      const moment = await ctx.moment();
      const { UsageError } = await import('../../domain/errors.js');
      const waitSeconds = opts.wait === undefined ? 0 : opts.wait === true ? 600 : Number(opts.wait);
      if (!Number.isInteger(waitSeconds) || waitSeconds < 0) throw new UsageError(`--wait ${String(opts.wait)}: must be a whole number of seconds`);
      const db = await ctx.openLedger({ busyTimeoutMs: waitSeconds * 1000 });
      try {
        const { progressBar } = await import('../progress.js');
        const bar = progressBar('drafting letters', ctx.io, ctx.opts);
        const report = await runDunning(db, ctx.ws, loaded, moment, { dryRun: opts.dryRun, progress: (done, total) => total >= PROGRESS_FROM && bar.update(done, total) });
        bar.finish();
        const sendAfter = opts.send ? () => import('../send-after-run.js').then((m) => m.sendAfterRun(ctx, db, report)) : null;
        if (sendAfter && ctx.out.json) return await sendAfter();
        if (ctx.out.json) {
          ctx.out.printJson(report);
          return;
        }
        if (report.letters.length > 0) {
          ctx.out.data(
            table([
              ['customer', 'stage', 'channel', 'invoices', opts.dryRun ? '' : 'file'],
              ...report.letters.map((l) => [l.customer, l.stage, l.channel, l.invoices.join(' '), l.files[0] ?? '']),
            ]),
          );
        }
        const verb = opts.dryRun ? 'would be drafted' : 'drafted';
        ctx.out.info(
          `${report.asOf}: ${report.letters.length} letter${report.letters.length === 1 ? '' : 's'} ${verb}` +
            (report.letters.length > 0 && !opts.dryRun ? ` in ${ctx.ws.outboxDir}/${report.asOf}/` : '') +
            '.',
        );
        // Flags need the owner's decision: on stderr even with --quiet, so a cron log shows them.
        for (const line of flagLines(report.flagged)) ctx.out.warn(`needs your decision: ${line}`);
        if (report.skipped.length > 0) {
          ctx.out.info('Not contacted today:');
          for (const line of heldBackLines(report.skipped)) ctx.out.info(`  ${line}`);
        }
        await sendAfter?.();
      } finally {
        db.close();
      }
    });
}

/** `run --undo-last`: the latest run taken back, said in a line (or --json). */
async function undoLast(ctx: CliContext): Promise<void> {
  const { undoLastRun } = await import('../../app/run-undo.js');
  const moment = await ctx.moment();
  const db = await ctx.openLedger();
  try {
    const r = await undoLastRun(db, moment);
    if (ctx.out.json) ctx.out.printJson(r);
    else {
      ctx.out.info(
        `Undid the run of ${r.asOf}: ${r.contacts} letter${r.contacts === 1 ? '' : 's'} and flags voided (their files stay in the outbox, marked in the trail; not to be sent)` +
          `${r.holds ? `, ${r.holds} hold${r.holds === 1 ? '' : 's'} put back` : ''}${r.plans ? `, ${r.plans} payment plan${r.plans === 1 ? '' : 's'} reopened` : ''}.`,
      );
    }
  } finally {
    db.close();
  }
}
