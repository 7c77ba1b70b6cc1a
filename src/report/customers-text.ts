import type { CustomersReport } from '../app/report.js';
import { table, TABLE_WIDTH } from './table.js';
import { moneyList as money, pastDayWords, tenth } from './words.js';

/** The customers report's columns on a terminal. */
export const CUSTOMER_HEADINGS = ['customer', 'name', 'on time', 'avg days late', 'balance', 'overdue', 'stage', 'last contact', 'next'];

/** The columns of what a customer owes: never cut to fit a line (the name gives way first). */
export const CUSTOMER_AMOUNTS = [4, 5];

/** One customer's cells, under CUSTOMER_HEADINGS. */
export function customerCells(c: CustomersReport['customers'][number]): string[] {
  return [c.id, c.name, c.onTimeRate === null ? '-' : `${tenth(c.onTimeRate)}%`, tenth(c.averageDaysLate), money(c.balance), money(c.overdue), c.stage ?? '-', c.lastContact ?? '-', c.nextAction ?? '-'];
}

/** What the customers table says when nobody owed anything on the day. */
export const nobodyOwed = (asOf: string) => `No customer owed anything on ${asOf}.`;

/** The customers report as a table (the first `limit` customers); on an earlier day, with what it cannot say. */
export function customersView(r: CustomersReport, limit = Infinity): string {
  const list = r.customers.slice(0, limit);
  if (list.length === 0) return nobodyOwed(r.asOf);
  const shown = table([CUSTOMER_HEADINGS, ...list.map(customerCells)], TABLE_WIDTH, CUSTOMER_AMOUNTS);
  return r.nextActionsKnown ? shown : `${shown}\n\n${pastDayWords(r.asOf)}`;
}
