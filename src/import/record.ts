import type { IsoDate } from '../domain/dates.js';
import type { DecimalSeparator } from './amounts.js';

/**
 * One payment from a payments export. Its amount stays text until it is matched to its
 * invoice: a payments file often names no currency, and the invoice's currency decides the
 * minor units.
 */
export interface PaymentRecord {
  line: number;
  invoiceNumber: string;
  paidOn: IsoDate;
  amountText: string;
  decimal: DecimalSeparator;
  /** The currency the file names for it, if any; it must be the invoice's. */
  currency: string | null;
  reference: string | null;
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
