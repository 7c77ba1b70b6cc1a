import { CUSTOMER_AMOUNTS, CUSTOMER_HEADINGS, customerCells } from '../report/customers-text.js';
import { fitWidths, layoutRows, measureRows, mergeNatural, TABLE_WIDTH } from '../report/table.js';
import type { CustomersReport } from './report.js';
import type { Ask, Running } from './second-thread.js';

/**
 * The customers report's table laid out by the two threads that planned it (report-customers.ts):
 * each measures the cells of its own customers, the worker asks this thread for the widths of
 * the whole table (its columns' widest cells and the widths they fit in), and both lay out their
 * lines at once. Nothing but the worker's laid-out lines crosses back, not 20,000 rows.
 */

type Row = CustomersReport['customers'][number];

/** The widths both halves are laid out with: each column's widest cell over the whole table, and the width it was fitted to. */
interface Widths {
  natural: number[];
  widths: number[];
}

/** The worker's half: its customers' lines (none: empty), laid out once the thread that started it has said how wide the table is. */
export function laidOutInWorker(rows: readonly Row[], ask: Ask): string {
  const measured = measureRows(rows.map(customerCells));
  const { natural, widths } = ask(measured.natural) as Widths;
  return layoutRows(measured.rows, natural, widths, false);
}

/**
 * This thread's half: the heading and its customers' lines, laid out as soon as the worker has
 * said how wide its cells are (the worker then lays out its own). Undefined when the worker
 * answered instead of asking (the ledger moved on after the day) or failed.
 */
export function laidOutHere(rows: readonly Row[], worker: Pick<Running<unknown>, 'question' | 'reply'>): string | undefined {
  const measured = measureRows([CUSTOMER_HEADINGS, ...rows.map(customerCells)]);
  const theirs = worker.question() as number[] | undefined;
  if (theirs === undefined) return undefined;
  const natural = mergeNatural(measured.natural, theirs);
  const widths = fitWidths(natural, TABLE_WIDTH, CUSTOMER_AMOUNTS);
  worker.reply({ natural, widths } satisfies Widths);
  return layoutRows(measured.rows, natural, widths, true);
}
