import type { InvoiceState } from '../domain/account.js';
import type { IsoDate } from '../domain/dates.js';
import { THANK_YOU } from '../domain/policy.js';
import type { Ledger } from './open.js';
import { paidSql } from './payments.js';

const PAID = paidSql();
const COLUMNS = `i.number, i.customer_id, i.issue_date, i.due_date, i.currency, i.amount_minor, ${PAID}`;

// The columns selected above, in order (raw rows: a million-invoice ledger leaves ~90k).
type Row = [string, string, IsoDate, IsoDate, string, number, number];

/**
 * Open invoices with something to plan: a balance (owed, or a credit), or a stage reached and
 * no thanks yet; in no particular order. `held`: the invoices on hold. Three queries, none of
 * them per invoice:
 * - the invoices with a balance: a ledger of a million invoices is mostly paid history, so those
 *   are dropped inside SQLite by one scan in table order, with one covering-index look-up per
 *   invoice (its payments);
 * - the stage each invoice a contact named was left at, and whether it was thanked: read from
 *   the contacts' side, so the cost grows with the contacts, not with the ledger;
 * - the settled invoices among those, still to be thanked.
 * Call it inside a transaction (loadAccounts does), so that all of them see the same ledger.
 * (Joining every invoice to aggregated payments and ordering all of them first took 9 s of the
 * 14 s a `run --dry-run` needed on the benchmark's million-invoice ledger. Then one query found
 * the candidates and joined each to its contacts and holds, and sorted them: half of the
 * remaining time went to that second pass.)
 */
export function openInvoices(db: Ledger, held: ReadonlySet<string>, onlyCustomer?: string): InvoiceState[] {
  // Every invoice: a scan in table order. One customer's: through invoices_by_customer.
  const [index, filter] = onlyCustomer === undefined ? ['NOT INDEXED', ''] : ['', 'AND i.customer_id = @customer'];
  const params = { customer: onlyCustomer };
  const owing = db
    .prepare(`SELECT ${COLUMNS} FROM invoices i ${index} WHERE i.status = 'open' ${filter} AND i.amount_minor <> ${PAID}`)
    .raw()
    .all(params) as Row[];

  // Each contacted invoice's latest stage (thank-yous are not stages), oldest contact first.
  const stages = new Map<string, { stage: string; on: IsoDate }>();
  const thanked = new Set<string>();
  const contacted = db
    .prepare(
      `SELECT ci.invoice_number, ci.stage, c.contacted_on FROM contacts c CROSS JOIN contact_invoices ci ON ci.contact_id = c.id
       WHERE c.voided = 0 AND ci.stage IS NOT NULL ${onlyCustomer === undefined ? '' : 'AND c.customer_id = @customer'}
       ORDER BY c.id`,
    )
    .raw()
    .all(params) as [string, string, IsoDate][];
  for (const [number, stage, on] of contacted) {
    if (stage === THANK_YOU) thanked.add(number);
    else stages.set(number, { stage, on });
  }

  // Paid in full after a letter, and not yet thanked for.
  let settled: Row[] = [];
  if (stages.size > 0) {
    const owingNumbers = new Set(owing.map((r) => r[0]));
    const toThank = [...stages.keys()].filter((n) => !thanked.has(n) && !owingNumbers.has(n));
    if (toThank.length > 0) {
      settled = db
        .prepare(`SELECT ${COLUMNS} FROM invoices i WHERE i.number IN (SELECT value FROM json_each(?)) AND i.status = 'open'`)
        .raw()
        .all(JSON.stringify(toThank)) as Row[];
    }
  }

  const out: InvoiceState[] = [];
  for (const rows of [owing, settled]) {
    for (const [number, customerId, issueDate, dueDate, currency, amount, paid] of rows) {
      const reached = stages.get(number);
      out.push({
        number, customerId, issueDate, dueDate, currency, amount, paid, balance: amount - paid,
        stage: reached?.stage ?? null, stageOn: reached?.on ?? null, thanked: thanked.has(number), hold: held.has(number),
      });
    }
  }
  return out;
}
