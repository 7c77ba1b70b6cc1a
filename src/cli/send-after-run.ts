import type { RunReport } from '../app/run.js';
import type { Ledger } from '../ledger/open.js';
import type { CliContext } from './context.js';
import { printSendReport, sendFromCli } from './commands/send.js';

/**
 * `run --send`, for cron: the letters just drafted (and any still waiting) go out, then the
 * owner's digest is written and mailed. `--json` prints the run's report with `send` and `digest`.
 */
export async function sendAfterRun(ctx: CliContext, db: Ledger, run: RunReport): Promise<void> {
  const send = await sendFromCli(ctx, db, { dryRun: run.dryRun });
  const { writeDigest } = await import('../app/digest.js');
  const env = (ctx as { io?: { env: Readonly<Record<string, string | undefined>> } }).io?.env ?? process.env;
  const digest = await writeDigest(db, ctx.ws, await ctx.config(), await ctx.moment(), run, send, { password: env.DUNNING_SMTP_PASSWORD });
  if (ctx.out.json) {
    ctx.out.printJson({ ...run, send, digest });
    return;
  }
  await printSendReport(ctx, send);
  ctx.out.info(`The digest is in ${digest.file}${digest.mailed ? `; mailed to ${digest.mailed.to}: ${digest.mailed.outcome} (${digest.mailed.detail})` : ''}.`);
}
