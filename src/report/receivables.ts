import { toEpochDay, type IsoDate } from '../domain/dates.js';
import { addMonths, closingDay, firstDay, monthOf, type Month } from './months.js';

/**
 * A part of the receivables that counts from a day on: an invoice's amount from its issue day
 * (a sale), minus what its export said was paid from the import's day, minus each payment from
 * its day. Pieces of one currency, day and due date come summed. Receivables on any day are
 * the sum of the pieces counted by then, so a year of month-ends costs one read of the ledger.
 */
export interface Piece {
  currency: string;
  /** Epoch day the piece counts from. */
  from: number;
  /** Epoch day the invoice it belongs to falls due. */
  due: number;
  /** The invoice's own amount, on its issue day: a credit sale (a credit note's is negative). */
  sale: boolean;
  /** Belongs to a credit note: counts in the receivables, never as current. */
  credit: boolean;
  minor: number;
}

/** One currency's receivables over a month (CEI's B, S, E and Ec), on the days they are read. */
export interface MonthOfReceivables {
  currency: string;
  month: Month;
  /** Receivables at the end of the day before the month starts. */
  beginning: number;
  /** Credit sales: the invoices issued in the month, credit notes less. */
  sales: number;
  /** Receivables on the month's last day (or the report's day, in its own month). */
  ending: number;
  /** The part of `ending` not yet due that day. */
  endingCurrent: number;
  /** Days of the month counted: all of them, or up to the report's day. */
  days: number;
}

export interface ReceivablesHistory {
  currencies: string[];
  months: MonthOfReceivables[];
  /** Each currency's credit sales per month, every month the ledger has, for countback DSO. */
  salesByMonth: Map<string, Map<Month, number>>;
}

function receivablesOn(pieces: Piece[], day: number): { total: number; current: number } {
  let total = 0;
  let current = 0;
  for (const p of pieces) {
    if (p.from > day) continue;
    total += p.minor;
    if (!p.credit && p.due >= day) current += p.minor;
  }
  return { total, current };
}

/** The receivables of each currency over `months` (none after `asOf`). */
export function receivablesHistory(all: Iterable<Piece>, months: Month[], asOf: IsoDate): ReceivablesHistory {
  const byCurrency = new Map<string, Piece[]>();
  const salesByMonth = new Map<string, Map<Month, number>>();
  const today = toEpochDay(asOf);
  for (const p of all) {
    if (p.from > today) continue;
    let list = byCurrency.get(p.currency);
    if (!list) byCurrency.set(p.currency, (list = []));
    list.push(p);
    if (p.sale) {
      let sales = salesByMonth.get(p.currency);
      if (!sales) salesByMonth.set(p.currency, (sales = new Map()));
      const m = monthOf(dayText(p.from));
      sales.set(m, (sales.get(m) ?? 0) + p.minor);
    }
  }
  const currencies = [...byCurrency.keys()].sort();
  const out: MonthOfReceivables[] = [];
  const shown = months.filter((m) => firstDay(m) <= today);
  for (const currency of currencies) {
    const pieces = byCurrency.get(currency)!;
    for (const month of shown) {
      const start = firstDay(month);
      const close = toEpochDay(closingDay(month, asOf));
      const ending = receivablesOn(pieces, close);
      out.push({
        currency,
        month,
        beginning: receivablesOn(pieces, start - 1).total,
        sales: salesByMonth.get(currency)?.get(month) ?? 0,
        ending: ending.total,
        endingCurrent: ending.current,
        days: close - start + 1,
      });
    }
  }
  return { currencies, months: out, salesByMonth };
}

/** The months before `m`, newest first, with their sales and days, back to the ledger's first sale. */
export function monthsBefore(sales: Map<Month, number>, m: Month): { sales: number; days: number }[] {
  const earliest = [...sales.keys()].sort()[0];
  const out: { sales: number; days: number }[] = [];
  if (earliest === undefined) return out;
  for (let k = addMonths(m, -1); k >= earliest; k = addMonths(k, -1)) {
    out.push({ sales: sales.get(k) ?? 0, days: firstDay(addMonths(k, 1)) - firstDay(k) });
  }
  return out;
}

const dayText = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
