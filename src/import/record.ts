import type { IsoDate } from '../domain/dates.js';

/** One invoice as any import format describes it, after validation. */
export interface InvoiceRecord {
  /** Line in the file where the invoice starts (for messages). */
  line: number;
  number: string;
  customerId: string;
  customerName: string;
  email: string | null;
  language: string | null;
  address: string | null;
  phone: string | null;
  issueDate: IsoDate;
  dueDate: IsoDate;
  currency: string;
  /** Minor units; negative for a credit note. */
  amount: number;
  /** Minor units paid so far according to the file. */
  amountPaid: number;
  status: 'open' | 'draft' | 'void' | 'written-off';
}

/** A customer id for exports that have none: the name, lower-cased, words joined by '-'. */
export function deriveCustomerId(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'customer'
  );
}
