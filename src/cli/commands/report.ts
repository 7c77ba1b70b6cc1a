import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';

const NAMES = ['aging', 'dso', 'cei', 'stages', 'customers'];

interface ReportOptions {
  from?: string;
  to?: string;
  currency?: string;
  csv?: boolean;
  html?: string;
}

export function defineReport(program: Command): void {
  program
    .command('report')
    .argument('[name]', `one report: ${NAMES.join(' | ')} (default: a one-screen overview of all)`)
    .description('receivables measures at any past date: aging, DSO, CEI, what each letter collects, customers')
    .option('--from <month>', 'first month of the trend (YYYY-MM; default: eleven months before --to)')
    .option('--to <month>', 'last month of the trend (YYYY-MM; default: the as-of day\'s month)')
    .option('--currency <code>', 'only this currency (amounts are never added across currencies)')
    .option('--csv', 'the named report as CSV, for a spreadsheet')
    .option('--html <file>', 'write every report to one self-contained HTML page (charts included, prints well)')
    .addHelpText(
      'before',
      examples([
        ['dunning report', 'the overview: aging, DSO and CEI trends, stages, oldest debts'],
        ['dunning report aging --as-of 2026-01-31', 'receivables by age as they stood at the end of January'],
        ['dunning report cei --from 2026-01 --to 2026-06 --json', 'collection effectiveness per month, for scripts'],
        ['dunning report stages --csv > stages.csv', 'what each letter collects, for a spreadsheet'],
        ['dunning report --html report.html', 'every report on one page, to open or print'],
      ]),
    )
    .action(async (name: string | undefined, opts: ReportOptions, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { UsageError } = await import('../../domain/errors.js');
      if (name !== undefined && !NAMES.includes(name)) throw new UsageError(`report ${name}: no such report (use one of ${NAMES.join(', ')}, or none for the overview)`);
      if (opts.csv && ctx.out.json) throw new UsageError('--csv and --json: choose one');
      if (opts.csv && name === undefined) throw new UsageError(`--csv writes one table: name the report (${NAMES.join(', ')})`);
      if (opts.currency !== undefined) {
        const { isCurrencyCode } = await import('../../domain/money.js');
        if (!isCurrencyCode(opts.currency)) throw new UsageError(`--currency ${opts.currency}: not an ISO 4217 code (e.g. EUR, GBP, JPY)`);
      }
      const loaded = await ctx.config();
      const { asOf } = await ctx.moment();
      const req = { asOf, from: opts.from, to: opts.to, currency: opts.currency };
      const app = await import('../../app/report.js');
      app.reportMonths(req);
      const db = await ctx.openLedger({ create: false, rowChecks: false, mapped: true });
      try {
        const { printReport } = await import('../report-print.js');
        await printReport(ctx, db, loaded.policy, req, name as (typeof app.REPORTS)[number] | undefined, opts);
      } finally {
        db.close();
      }
    });
}
