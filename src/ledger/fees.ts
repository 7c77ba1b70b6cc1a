import type { ChargedFee } from '../domain/fees.js';
import type { Ledger } from './open.js';

interface FeeRow {
  customer_id: string;
  invoice_number: string;
  stage: string;
  kind: ChargedFee['kind'];
  currency: string;
  amount_minor: number;
  description: string;
  charged_on: string;
  through: string | null;
}

/** Fees charged so far, per customer, oldest first. */
export function loadFees(db: Ledger, onlyCustomer?: string): Map<string, ChargedFee[]> {
  const filter = onlyCustomer === undefined ? '' : 'WHERE i.customer_id = ?';
  const rows = db
    .prepare(`SELECT i.customer_id, f.* FROM fees f JOIN invoices i ON i.number = f.invoice_number ${filter} ORDER BY f.id`)
    .all(...(onlyCustomer === undefined ? [] : [onlyCustomer])) as FeeRow[];
  const out = new Map<string, ChargedFee[]>();
  for (const r of rows) {
    let list = out.get(r.customer_id);
    if (!list) out.set(r.customer_id, (list = []));
    list.push({
      invoiceNumber: r.invoice_number,
      stage: r.stage,
      kind: r.kind,
      currency: r.currency,
      minor: r.amount_minor,
      description: r.description,
      chargedOn: r.charged_on,
      through: r.through,
    });
  }
  return out;
}

/**
 * Records the charges a letter made. The ledger keeps one charge per invoice, stage and kind,
 * so charges itemised again (from an earlier letter) are not charged twice. Returns the new ones.
 */
export function recordFees(db: Ledger, fees: readonly ChargedFee[], contactId: number): ChargedFee[] {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO fees (invoice_number, stage, kind, currency, amount_minor, description, charged_on, through, contact_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return fees.filter(
    (f) => insert.run(f.invoiceNumber, f.stage, f.kind, f.currency, f.minor, f.description, f.chargedOn, f.through, contactId).changes === 1,
  );
}
