import type { IsoDate } from './dates.js';

/** One invoice as any import format describes it, after validation. */
export interface InvoiceRecord {
  /** Line in the file where the invoice starts (for messages). */
  line: number;
  number: string;
  customerId: string;
  /** Whether the file had no id and `customerId` was derived from the name (the summary shows it). */
  customerIdDerived: boolean;
  customerName: string;
  email: string | null;
  language: string | null;
  address: string | null;
  phone: string | null;
  /**
   * The person letters are addressed to ("Dear Sam Patel,"): null for an empty cell, absent
   * when the file has no such column (the ledger's contact name, perhaps set by `customer set`,
   * then stays as it is).
   */
  contactName?: string | null;
  issueDate: IsoDate;
  dueDate: IsoDate;
  currency: string;
  /** Minor units; negative for a credit note. */
  amount: number;
  /** Minor units paid so far according to the file (for a credit note: applied so far, negative). */
  amountPaid: number;
  status: 'open' | 'draft' | 'void' | 'written-off';
  /**
   * Set by a reader when an earlier row of this file gave this customer the same name, email,
   * language, address, phone and contact name: the ledger's customer is already what this row says. A row so
   * marked may leave those fields empty (the canonical reader's worker does not send them).
   */
  customerRepeated?: boolean;
}
