import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';
import type { ImportReport } from '../../app/import.js';

interface ImportFlags {
  dryRun?: boolean;
  currency?: string;
  format: string;
  map?: string;
  dateOrder?: string;
  kind?: string;
  skipInvalid?: boolean;
  listFormats?: boolean;
}

export function defineImport(program: Command): void {
  program
    .command('import')
    .description('load invoices (and payments) from CSV exports into the ledger (all or nothing)')
    .argument('[file...]', 'CSV files to import, in order (invoices before their payments)')
    .option('--format <name>', 'the export format, or auto to recognise it from the header (see --list-formats)', 'auto')
    .option('--map <mapping.json>', 'a mapping file for an export no format matches (README "Mapping file")')
    .option('--date-order <dmy|mdy>', 'for dates like 03/04/2026 when no day in the file is over 12')
    .option('--kind <invoices|payments>', 'what the files hold, when the header does not say')
    .option('--currency <code>', 'currency for files that name none (e.g. EUR)')
    .option('--skip-invalid', 'import the valid rows; write the others to <file>.rejects.csv with a reason')
    .option('--dry-run', 'check the files and show what would change; write nothing')
    .option('--list-formats', 'list the formats dunning recognises, then exit')
    .addHelpText(
      'before',
      examples([
        ['dunning import invoices.csv', 'load or update invoices (the format is recognised)'],
        ['dunning import --dry-run export.csv', 'see what would change'],
        ['dunning import invoices.csv payments.csv', 'invoices, then the payments made against them'],
        ['dunning import --date-order dmy xero.csv', 'dates like 03/04/2026 are day/month'],
        ['dunning import --map my-shop.json export.csv', 'any other export, described by a mapping file'],
        ['dunning import --skip-invalid export.csv', 'import what is valid; bad rows go to export.csv.rejects.csv'],
        ['dunning import --list-formats', 'the formats dunning knows'],
      ]),
    )
    .action(async (files: string[], opts: ImportFlags, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { UsageError } = await import('../../domain/errors.js');
      if (opts.listFormats) {
        const { PRESETS } = await import('../../import/presets/index.js');
        if (ctx.out.json) ctx.out.printJson(PRESETS.map((p) => ({ name: p.name, title: p.title, kind: p.mapping.kind, recognisedBy: p.signature })));
        else for (const p of PRESETS) ctx.out.data(`${p.name.padEnd(13)} ${p.title} [${p.mapping.kind}; header has ${p.signature.join(', ')}]`);
        return;
      }
      if (files.length === 0) throw new UsageError('name the CSV files to import (or --list-formats)');
      const { FORMAT_NAMES } = await import('../../import/presets/index.js');
      if (opts.format !== 'auto' && !FORMAT_NAMES.includes(opts.format)) {
        throw new UsageError(`--format ${opts.format}: not a format dunning knows (use auto or one of ${FORMAT_NAMES.join(', ')})`);
      }
      if (opts.dateOrder !== undefined && opts.dateOrder !== 'dmy' && opts.dateOrder !== 'mdy') {
        throw new UsageError(`--date-order ${opts.dateOrder}: use dmy (day/month/year) or mdy (month/day/year)`);
      }
      if (opts.kind !== undefined && opts.kind !== 'invoices' && opts.kind !== 'payments') {
        throw new UsageError(`--kind ${opts.kind}: use invoices or payments`);
      }
      if (opts.map && opts.format !== 'auto') throw new UsageError('--map and --format name the format twice (use one)');
      const { importFiles, ImportRejected } = await import('../../app/import.js');
      const { isCurrencyCode } = await import('../../domain/money.js');
      const { existsSync } = await import('node:fs');
      for (const f of files) if (!existsSync(f)) throw new UsageError(`${f}: no such file`);
      const currency = opts.currency?.toUpperCase() ?? null;
      if (currency && !isCurrencyCode(currency)) throw new UsageError(`--currency ${opts.currency}: not an ISO 4217 code (e.g. USD, EUR, GBP)`);
      const mapping = opts.map ? (await import('../../import/mapping-file.js')).loadMapping(opts.map) : null;
      const { config } = await ctx.config();
      const moment = await ctx.moment();
      const db = await ctx.openLedger({ create: true });
      const progress = progressLine(ctx.out.quiet);
      try {
        const report = await importFiles(db, files, moment, {
          dryRun: opts.dryRun,
          currency,
          defaultCurrency: config.defaultCurrency ?? null,
          format: opts.format,
          mapping,
          dateOrder: (opts.dateOrder as 'dmy' | 'mdy' | undefined) ?? null,
          termsDays: config.defaultTermsDays,
          kind: (opts.kind as 'invoices' | 'payments' | undefined) ?? null,
          skipInvalid: opts.skipInvalid,
          onProgress: progress.update,
        });
        progress.done();
        if (ctx.out.json) ctx.out.printJson(report);
        for (const line of summarise(report, config.defaultTermsDays)) ctx.out.info(line);
      } catch (e) {
        if (e instanceof ImportRejected && ctx.out.json) ctx.out.printJson(e.report);
        throw e;
      } finally {
        progress.done();
        db.close();
      }
    });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The lines `dunning import` says on stderr after a successful import. */
/** A progress line on a terminal's stderr, once an import has taken more than a second. */
function progressLine(quiet: boolean): { update: (file: string, rows: number) => void; done: () => void } {
  const started = Date.now();
  let shown = false;
  const tty = Boolean(process.stderr.isTTY) && !quiet;
  return {
    update: (file, rows) => {
      if (!tty || Date.now() - started < 1000) return;
      shown = true;
      process.stderr.write(`\r${file}: ${rows.toLocaleString('en')} rows read…`);
    },
    done: () => {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}

function summarise(report: ImportReport, termsDays: number): string[] {
  const { added, updated, unchanged } = report.invoices;
  const formats = [...new Set(report.formats)].join(', ');
  const lines = [
    `${report.dryRun ? 'Would import' : 'Imported'} ${plural(report.files.length, 'file')} (${formats}): ` +
      `${added} new, ${updated} updated, ${unchanged} unchanged invoices; ${plural(report.payments.added, 'new payment')}.` +
      (report.dryRun ? ' Nothing was written (--dry-run).' : ''),
  ];
  if (report.derivedDueDates > 0) {
    lines.push(`${plural(report.derivedDueDates, 'due date')} derived from the invoice date plus the terms (the file's, else ${termsDays} days): the file has none.`);
  }
  if (report.derivedCustomers.length > 0) {
    const shown = report.derivedCustomers.slice(0, 8).map((c) => `${c.id} (${c.name})`);
    const more = report.derivedCustomers.length - shown.length;
    lines.push(`Customer ids derived from names: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}. Use these ids with other commands.`);
  }
  if (report.rejected > 0) {
    const where = report.rejectsFiles.length > 0 ? `written to ${report.rejectsFiles.join(', ')} with a reason column` : 'not written (--dry-run)';
    lines.push(`${plural(report.rejected, 'rejected row')} (--skip-invalid): ${where}.`);
  }
  const notes = report.notes.slice(0, 10);
  lines.push(...notes);
  if (report.notes.length > notes.length) lines.push(`… and ${report.notes.length - notes.length} more notes (--json lists them all).`);
  return lines;
}
