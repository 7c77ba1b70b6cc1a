import type { Command } from 'commander';
import { cliContext, type CliContext } from '../context.js';
import { examples } from '../help.js';
import { table } from '../output.js';
import type { SendReport } from '../../send/report.js';

interface SendFlags {
  now?: boolean;
  dryRun?: boolean;
  limit?: string;
  retry?: string[];
  staleOk?: boolean;
  insecure?: boolean;
}

export function defineSend(program: Command): void {
  program
    .command('send')
    .description('deliver the drafted email letters over SMTP: at most once each, inside the sending window')
    .option('--now', 'send outside the sending window (weekends, evenings, holidays)')
    .option('--dry-run', 'show what would go, be cancelled or wait; send and record nothing')
    .option('--limit <n>', 'send at most this many letters this time')
    .option('--retry <letter...>', 'send again a letter left unknown, failed or rejected (its number or file name)')
    .option('--stale-ok', 'send even though the newest import is older than sending.maxImportAgeDays')
    .option('--insecure', 'allow sending.smtp.secure "none" to a server that is not on this machine')
    .option('--outbox <dir>', 'where the letters are (default: outbox/ beside the ledger)')
    .addHelpText(
      'before',
      examples([
        ['dunning send', 'deliver what run drafted, inside the window'],
        ['dunning send --dry-run', 'see what would go now, what waits and what is cancelled'],
        ['dunning run --send --quiet', 'from cron: draft, send, and mail the morning digest'],
        ['dunning send --retry 0042', 'a letter left unknown, after checking the sent folder'],
        ['DUNNING_SMTP_PASSWORD=… dunning send --json', 'for scripts; the password never goes in the config'],
      ]),
    )
    .action(async (flags: SendFlags, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const db = await ctx.openLedger({ create: false });
      try {
        await printSendReport(ctx, await sendFromCli(ctx, db, flags));
      } finally {
        db.close();
      }
    });
}

/** Runs `send` with the CLI's clock and environment (also `run --send`). */
export async function sendFromCli(ctx: CliContext, db: Awaited<ReturnType<CliContext['openLedger']>>, flags: SendFlags): Promise<SendReport> {
  const { UsageError } = await import('../../domain/errors.js');
  const limit = flags.limit === undefined ? undefined : Number(flags.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit ${flags.limit}: must be a whole number of letters, 1 or more`);
  const { sendLetters } = await import('../../app/send.js');
  const loaded = await ctx.config();
  const moment = await ctx.moment();
  // Many letters take minutes: a bar on a terminal's stderr (never in cron, --quiet or --json).
  const { progressBar } = await import('../progress.js');
  const bar = progressBar('sending letters', ctx.io, ctx.opts);
  const report = await sendLetters(db, ctx.ws, loaded, moment, {
    now: new Date(moment.stamp.at),
    progress: (done, total) => total >= PROGRESS_FROM && bar.update(done, total),
    dryRun: flags.dryRun,
    ignoreWindow: flags.now,
    limit,
    retry: flags.retry,
    staleOk: flags.staleOk,
    insecure: flags.insecure,
    password: envOf(ctx).DUNNING_SMTP_PASSWORD,
  });
  bar.finish();
  return report;
}

/** A send of at least this many letters shows a progress bar on a terminal. */
const PROGRESS_FROM = 100;

/** The environment this run was given (a test's, in process), else the process's. */
const envOf = (ctx: CliContext) => (ctx as { io?: { env: Readonly<Record<string, string | undefined>> } }).io?.env ?? process.env;

/** An instant as the owner reads it: the day and time in the config's time zone. */
function localTime(iso: string, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return `${f.format(new Date(iso))} ${timeZone}`;
}

export async function printSendReport(ctx: CliContext, r: SendReport): Promise<void> {
  if (ctx.out.json) {
    ctx.out.printJson(r);
    return;
  }
  const zone = (await ctx.config()).config.timeZone;
  const rows: string[][] = [
    ...(r.due ?? []).map((e) => ['would send', e.customer, e.file, '']),
    ...r.sent.map((e) => ['sent', e.customer, e.file, e.response + (e.missingAttachments ? `; not attached: ${e.missingAttachments.join(', ')}` : '')]),
    ...r.failed.map((e) => ['failed', e.customer, e.file, `${e.reason}${e.nextAttempt ? `; next try ${localTime(e.nextAttempt, zone)}` : ''}`]),
    ...r.rejected.map((e) => ['rejected', e.customer, e.file, e.reason]),
    ...r.cancelled.map((e) => ['cancelled', e.customer, e.file, e.reason]),
    ...r.waiting.map((e) => ['waiting', e.customer, e.file, `${e.reason}${e.until ? `; until ${localTime(e.until, zone)}` : ''}`]),
  ];
  if (rows.length > 0) ctx.out.data(table([['state', 'customer', 'file', 'detail'], ...rows]));
  const n = (k: number, what: string) => (k > 0 ? [`${k} ${what}`] : []);
  const parts = [
    ...n(r.due?.length ?? 0, 'would be sent'),
    ...n(r.sent.length, 'sent'),
    ...n(r.failed.length, 'failed'),
    ...n(r.rejected.length, 'rejected'),
    ...n(r.cancelled.length, 'cancelled'),
    ...n(r.waiting.length, 'waiting'),
  ];
  ctx.out.info(`${r.asOf}: ${parts.length > 0 ? parts.join(', ') : 'nothing to send'}.`);
  for (const u of r.unknown) {
    ctx.out.warn(
      `${u.file} (${u.customer}) is unknown: ${u.reason}. Look for Message-ID <${u.messageId}> in the mailbox's sent folder, then \`dunning mark-sent ${u.letter}\` if it went or \`dunning send --retry ${u.letter}\` if not.`,
    );
  }
}
