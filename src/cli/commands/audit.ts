import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';
import { table } from '../output.js';

const FORMATS = ['table', 'csv', 'json'] as const;

export function defineAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description('the audit trail: every event, who, when (UTC), what, and each letter file with its SHA-256')
    .option('--customer <id>', 'only the events of one customer')
    .option('--since <date>', 'only events on or after this day (YYYY-MM-DD, UTC)')
    .option('--format <format>', `${FORMATS.join(' | ')} (csv is safe to open in a spreadsheet)`, 'table')
    .addHelpText(
      'before',
      examples([
        ['dunning audit', 'the whole trail'],
        ['dunning audit --customer acme-ltd --format csv > acme.csv', 'one customer, for a spreadsheet'],
        ['dunning audit --since 2026-03-01 --format json', 'recent events, for scripts'],
        ['dunning audit verify', 'prove the trail is complete and unaltered (exit 5 if not)'],
      ]),
    )
    .action(async (opts: { customer?: string; since?: string; format: string }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { UsageError } = await import('../../domain/errors.js');
      const { isIsoDate } = await import('../../domain/dates.js');
      const format = ctx.out.json ? 'json' : opts.format;
      if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format ${opts.format}: use one of ${FORMATS.join(', ')}`);
      if (opts.since !== undefined && !isIsoDate(opts.since)) throw new UsageError(`--since ${opts.since}: not a date (use YYYY-MM-DD)`);
      const { auditTrail, auditCsv } = await import('../../app/audit.js');
      const db = await ctx.openLedger({ create: false });
      try {
        const entries = auditTrail(db, { customer: opts.customer, since: opts.since });
        if (format === 'json') ctx.out.printJson({ events: entries });
        else if (format === 'csv') ctx.io.stdout(auditCsv(entries));
        else if (entries.length === 0) ctx.out.info('No events match.');
        else {
          ctx.out.data(
            table([
              ['id', 'when (UTC)', 'who', 'customer', 'what', 'file', 'sha256'],
              ...entries.map((e) => [String(e.id), e.at.replace('T', ' ').slice(0, 19), e.actor, e.customer ?? '', e.what, e.files.map((f) => f.path).join(' '), e.files.map((f) => f.sha256.slice(0, 12)).join(' ')]),
            ]),
          );
        }
      } finally {
        db.close();
      }
    });

  audit
    .command('verify')
    .description('prove the audit trail complete and unaltered: recompute the hash chain, check every letter file')
    .option('--outbox <dir>', 'where the letters are (default: outbox/ beside the ledger)')
    .addHelpText(
      'before',
      examples([
        ['dunning audit verify', 'exit 0 if intact; names the first mismatch and exits 5 if not'],
        ['dunning audit verify --json', 'the report for scripts'],
      ]),
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { verifyTrail } = await import('../../app/verify.js');
      const { CheckFailed } = await import('../../domain/errors.js');
      const { DamagedLedger, isDamage } = await import('../../ledger/integrity.js');
      let report;
      try {
        const db = await ctx.openLedger({ create: false });
        try {
          report = verifyTrail(db, ctx.ws.outboxDir);
        } finally {
          db.close();
        }
      } catch (e) {
        // Damage is what this check looks for: a finding (exit 5), not a failure.
        if (e instanceof DamagedLedger) throw new CheckFailed(e.message);
        if (isDamage(e)) throw new CheckFailed(`the ledger is damaged (${(e as Error).message}); restore from a backup`);
        throw e;
      }
      if (ctx.out.json) ctx.out.printJson(report);
      const head = report.head ? `; head: event ${report.head.id}, ${report.head.hash}` : '';
      if (report.ok) {
        if (!ctx.out.json) ctx.out.data(`The audit trail is intact: ${report.events} events chained, ${report.files} letter files match${head}.`);
        return;
      }
      if (!ctx.out.json) for (const p of report.problems) ctx.out.data(p.message);
      const first = report.problems[0]!;
      throw new CheckFailed(`the audit trail does not verify (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}); first: ${first.message}`);
    });
}
