import type { ChargedFee } from '../domain/fees.js';
import type { Ledger } from './open.js';
import { statement } from './statements.js';

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
    .prepare(
      `SELECT i.customer_id, f.* FROM fees f JOIN invoices i ON i.number = f.invoice_number
       LEFT JOIN contacts c ON c.id = f.contact_id
       WHERE COALESCE(c.voided, 0) = 0 ${filter.replace('WHERE', 'AND')} ORDER BY f.id`,
    )
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
 * so charges itemised again (from an earlier letter) are not charged twice; a charge whose
 * letter was voided is replaced by the new letter's. Returns the charges this letter made.
 */
export function recordFees(db: Ledger, fees: readonly ChargedFee[], contactId: number): ChargedFee[] {
  const insert = statement(
    db,
    `INSERT INTO fees (invoice_number, stage, kind, currency, amount_minor, description, charged_on, through, contact_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (invoice_number, stage, kind) DO UPDATE SET
       currency = excluded.currency, amount_minor = excluded.amount_minor, description = excluded.description,
       charged_on = excluded.charged_on, through = excluded.through, contact_id = excluded.contact_id
     WHERE fees.contact_id IN (SELECT id FROM contacts WHERE voided = 1)`,
  );
  return fees.filter(
    (f) => insert.run(f.invoiceNumber, f.stage, f.kind, f.currency, f.minor, f.description, f.chargedOn, f.through, contactId).changes === 1,
  );
}
