import type { IsoDate } from '../domain/dates.js';
import { THANK_YOU } from '../domain/policy.js';
import type { CoveredInvoice, StageContact } from '../report/stages.js';
import { jsonRows } from './json-rows.js';
import type { Ledger } from './open.js';
import { REPLACED } from './report-receivables.js';

const CONTACTS = `c.voided = 0 AND c.kind IN ('letter', 'flag') AND c.stage IS NOT NULL AND c.stage <> '${THANK_YOU}' AND c.contacted_on <= @asOf`;

/**
 * The letters (and hand-off flags) made by `asOf`, oldest first, each with the invoices it
 * named; and those invoices (open ones only), with every payment dated by `asOf`.
 */
export function stageContacts(db: Ledger, asOf: IsoDate): { contacts: StageContact[]; invoices: Map<string, CoveredInvoice> } {
  const contacts = new Map<number, StageContact>();
  // Read as one JSON text each (json-rows.ts): a ledger months into daily runs holds many letters.
  const rows = jsonRows<[number, string, IsoDate, string]>(db, 'c.id, c.customer_id, c.contacted_on, c.stage', `FROM contacts c WHERE ${CONTACTS}`, { asOf }, 'c.contacted_on, c.id');
  for (const [id, customerId, on, stage] of rows) contacts.set(id, { id, customerId, on, stage, invoices: [] });
  const named = jsonRows<[number, string, string]>(
    db,
    'ci.contact_id, ci.invoice_number, COALESCE(ci.stage, c.stage)',
    `FROM contacts c JOIN contact_invoices ci ON ci.contact_id = c.id WHERE ${CONTACTS}`,
    { asOf },
    'ci.contact_id',
  );
  for (const [id, number, stage] of named) contacts.get(id)?.invoices.push({ number, stage });

  const invoices = new Map<string, CoveredInvoice>();
  const subject = `SELECT ci.invoice_number FROM contacts c JOIN contact_invoices ci ON ci.contact_id = c.id WHERE ${CONTACTS}`;
  const invoiceRows = jsonRows<[string, string, number, number, IsoDate]>(
    db,
    'i.number, i.currency, i.amount_minor, i.paid_before_minor, MAX(i.issue_date, COALESCE(i.imported_on, i.issue_date))',
    `FROM invoices i WHERE i.status = 'open' AND i.number IN (${subject})`,
    { asOf },
  );
  for (const [number, currency, amount, paidBefore, imported] of invoiceRows) {
    invoices.set(number, { number, currency, amount, paid: paidBefore !== 0 && imported <= asOf ? [{ on: imported, minor: paidBefore }] : [] });
  }
  const payments = jsonRows<[string, IsoDate, number]>(
    db,
    'number, day, minor',
    `FROM (SELECT p.invoice_number AS number, CASE WHEN ${REPLACED} THEN MAX(p.paid_on, COALESCE(i.imported_on, i.issue_date)) ELSE p.paid_on END AS day, p.amount_minor AS minor
           FROM payments p JOIN invoices i ON i.number = p.invoice_number
           WHERE p.invoice_number IN (${subject}) AND day <= @asOf)`,
    { asOf },
  );
  for (const [number, on, minor] of payments) invoices.get(number)?.paid.push({ on, minor });
  return { contacts: [...contacts.values()], invoices };
}
