import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';

export function defineImport(program: Command): void {
  program
    .command('import')
    .description('load invoices from CSV into the ledger (all or nothing)')
    .argument('<file...>', 'CSV files to import')
    .option('--dry-run', 'check the files and show what would change; write nothing')
    .option('--currency <code>', 'currency for files that name none (e.g. EUR)')
    .addHelpText(
      'before',
      examples([
        ['dunning import invoices.csv', 'load or update invoices'],
        ['dunning import --dry-run export.csv', 'see what would change'],
        ['dunning import --currency EUR export.csv', 'a file without a currency column'],
      ]),
    )
    .action(async (files: string[], opts: { dryRun?: boolean; currency?: string }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { importFiles, ImportRejected } = await import('../../app/import.js');
      const { UsageError } = await import('../../domain/errors.js');
      const { isCurrencyCode } = await import('../../domain/money.js');
      const { existsSync } = await import('node:fs');
      for (const f of files) if (!existsSync(f)) throw new UsageError(`${f}: no such file`);
      const currency = opts.currency?.toUpperCase() ?? (await ctx.config()).config.defaultCurrency ?? null;
      if (currency && !isCurrencyCode(currency)) throw new UsageError(`--currency ${opts.currency}: not an ISO 4217 code (e.g. USD, EUR, GBP)`);
      const moment = await ctx.moment();
      const db = await ctx.openLedger();
      try {
        const report = await importFiles(db, files, moment, { dryRun: opts.dryRun, currency });
        if (ctx.out.json) ctx.out.printJson(report);
        const { added, updated, unchanged } = report.invoices;
        ctx.out.info(
          `${opts.dryRun ? 'Would import' : 'Imported'} ${files.length} file${files.length === 1 ? '' : 's'}: ` +
            `${added} new, ${updated} updated, ${unchanged} unchanged invoices; ${report.payments.added} new payments.` +
            (opts.dryRun ? ' Nothing was written (--dry-run).' : ''),
        );
      } catch (e) {
        if (e instanceof ImportRejected && ctx.out.json) ctx.out.printJson(e.report);
        throw e;
      } finally {
        db.close();
      }
    });
}
