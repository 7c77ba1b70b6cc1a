import { writeFileSync } from 'node:fs';
import * as app from '../app/report.js';
import type { Policy } from '../domain/policy.js';
import type { Ledger } from '../ledger/open.js';
import * as csv from '../report/csv.js';
import { reportHtml } from '../report/html.js';
import type { CliContext } from './context.js';
import * as view from './report-view.js';

/**
 * CSV as it is: its CRLF line ends are RFC 4180's, not control characters to escape. To the
 * command's own stdout (a test's, in process) where the context carries one.
 */
function rawTo(ctx: CliContext): (text: string) => void {
  const io = (ctx as Partial<{ io: { stdout(text: string): void } }>).io;
  return io ? (text) => io.stdout(text) : (text) => void process.stdout.write(text);
}

/** The customers the overview lists: those whose debt is oldest. */
const OLDEST = 5;

/** Prints one report (or all) as JSON, CSV or text, and writes the HTML page when asked. */
export async function printReport(
  ctx: CliContext,
  db: Ledger,
  policy: Policy,
  req: app.ReportRequest,
  name: app.ReportName | undefined,
  opts: { csv?: boolean; html?: string },
): Promise<void> {
  const raw = rawTo(ctx);
  // Colour only on a terminal: a pipe or a file gets plain text.
  const paint = process.stdout.isTTY || ctx.out.color.level === 0 ? ctx.out.color : new (await import('chalk')).Chalk({ level: 0 });
  // Every report, once: for the HTML page, and again for --json without a name.
  let every: app.AllReports | undefined;
  if (opts.html !== undefined) {
    // The page shows the aging's totals; each customer's only when the JSON of every report is wanted too.
    every = app.allReports(db, policy, req, undefined, name === undefined && ctx.out.json);
    writeFileSync(opts.html, reportHtml(every));
    ctx.out.info(`Wrote ${opts.html}: every report as of ${req.asOf}, months ${every.cei.from} to ${every.cei.to}.`);
    if (name === undefined && !ctx.out.json) return;
  }
  switch (name) {
    case undefined: {
      const all = ctx.out.json ? (every ?? app.allReports(db, policy, req)) : app.allReports(db, policy, req, OLDEST);
      return ctx.out.json ? ctx.out.printJson(all) : ctx.out.data(view.overviewView(all, paint));
    }
    case 'aging': {
      if (!opts.csv && !ctx.out.json) {
        const { report, rows } = app.agingLines(db, req);
        return ctx.out.data(view.agingView(report, paint, rows));
      }
      const r = app.agingReport(db, req);
      return opts.csv ? raw(csv.agingCsv(r)) : ctx.out.printJson(r);
    }
    case 'cei': {
      const r = app.ceiReport(db, req);
      return opts.csv ? raw(csv.ceiCsv(r)) : ctx.out.json ? ctx.out.printJson(r) : ctx.out.data(view.ceiView(r, paint));
    }
    case 'dso': {
      const r = app.dsoReport(db, req);
      return opts.csv ? raw(csv.dsoCsv(r)) : ctx.out.json ? ctx.out.printJson(r) : ctx.out.data(view.dsoView(r));
    }
    case 'stages': {
      const r = app.stagesReport(db, policy, req);
      return opts.csv ? raw(csv.stagesCsv(r)) : ctx.out.json ? ctx.out.printJson(r) : ctx.out.data(view.stagesView(r));
    }
    case 'customers': {
      // On a terminal, the table as the threads that planned the customers laid it out.
      if (!opts.csv && !ctx.out.json) return ctx.out.data(app.customersTable(db, policy, req));
      const r = app.customersReport(db, policy, req);
      return opts.csv ? raw(csv.customersCsv(r)) : ctx.out.printJson(r);
    }
  }
}
