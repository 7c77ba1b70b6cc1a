import type { IsoDate } from './dates.js';
import type { ChargedFee } from './fees.js';
import type { ArrangementStanding } from './arrangement.js';
import type { PaymentHistory } from './segments.js';

/** A customer as the planner and the letters see them. */
export interface Customer {
  id: string;
  name: string;
  email: string | null;
  language: string | null;
  address: string | null;
  phone: string | null;
  /** The person letters are addressed to ("Dear Sam Patel,"), when the ledger names one. */
  contactName?: string | null;
}

/** An invoice with its derived state: balance from payments, stage from past contacts. */
export interface InvoiceState {
  number: string;
  customerId: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  currency: string;
  /** Minor units; negative for a credit note. */
  amount: number;
  paid: number;
  /** amount - paid: what is still owed (negative: a credit in the customer's favour). */
  balance: number;
  /** The last stage this invoice reached, and the day it did. */
  stage: string | null;
  stageOn: IsoDate | null;
  /** A thank-you has already been sent for this invoice. */
  thanked: boolean;
  /** This single invoice is on hold (a dispute, "cheque in the post"). */
  hold: boolean;
  /** Covered by a payment plan that is being kept: not chased while it is. */
  planned?: boolean;
  /** The day the invoice was first imported (null: not known, as in ledgers from before it was kept). */
  importedOn?: IsoDate | null;
  /** The owner released it with `release --stale`: dunned even though it was stale when imported. */
  staleReleased?: boolean;
}

/** Everything the planner needs to know about one customer. */
export interface Account {
  customer: Customer;
  /** Open invoices and credits (balance not zero), and paid invoices not yet thanked for. */
  invoices: InvoiceState[];
  /** Last collection contact on any channel (letters and manual notes; not thank-yous). */
  lastContactOn: IsoDate | null;
  /** The whole customer is on hold. */
  hold: boolean;
  /** The customer's current (or just missed) payment plan and where it stands. */
  arrangement?: ArrangementStanding | null;
  /** Payment history, for segments. */
  history?: PaymentHistory;
  /** Fees and interest already charged on the open invoices. */
  fees?: ChargedFee[];
}
