import { z } from 'zod';
import { isCurrencyCode } from '../domain/money.js';

/**
 * A mapping says how an export's columns become invoices (or payments). The built-in presets
 * are mappings, and a user's `--map mapping.json` is one too: one definition validates the
 * file and publishes its JSON Schema (schema/mapping.schema.json), so the two never drift.
 */
const column = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .describe('The column header (or a list of headers, the first found is used). Case, spaces and a leading * are ignored.');

export const FIELDS = {
  invoice_number: 'the invoice number (required)',
  customer_id: 'your id for the customer; derived from the name when absent',
  customer_name: 'the customer as letters name them',
  email: "the customer's email address",
  address: "the customer's postal address",
  phone: "the customer's phone",
  contact_name: 'the person letters are addressed to ("Dear Sam Patel,"); unmapped, the ledger keeps the one `customer set` gave',
  language: 'en, fr, de, es: the language of letters',
  issue_date: 'the invoice date (required for invoices)',
  due_date: 'the due date; when absent or empty, the invoice date plus the terms',
  terms_days: 'payment terms in days (used when the due date is empty)',
  currency: 'ISO 4217 code (upper or lower case)',
  amount: 'the invoice total (on each line of a line-item export)',
  amount_paid: 'paid so far',
  balance: 'still to pay (paid = amount - balance)',
  amount_due: 'what the customer was asked to pay after credits already applied; still to pay = amount_due - amount_paid (Stripe)',
  line_amount: 'a line-item export without an invoice total: each line, summed',
  line_tax: 'tax on each line, added to line_amount',
  status: 'the status, mapped by "statuses"',
  type: 'the document type (invoice, credit note), mapped by "types"',
  paid_on: 'payments: the day the payment came in (required for payments)',
  reference: 'payments: a reference shown beside the payment',
} as const;
export type Field = keyof typeof FIELDS;

const columns = z
  .object(Object.fromEntries(Object.entries(FIELDS).map(([k, d]) => [k, column.optional().describe(d)])) as Record<Field, z.ZodOptional<typeof column>>)
  .strict();

export const STATUS_MEANINGS = ['open', 'paid', 'void', 'draft', 'credit', 'written-off'] as const;
export type StatusMeaning = (typeof STATUS_MEANINGS)[number];

export const MappingSchema = z
  .object({
    $schema: z.string().optional(),
    '//': z.unknown().optional().describe('Comments: JSON has none, so notes go here.'),
    name: z.string().optional().describe('A name for the summary (e.g. "my-shop").'),
    kind: z.enum(['invoices', 'payments']).default('invoices').describe('What each row is.'),
    columns: columns.describe('Which column is which field.'),
    lineItems: z.boolean().default(false).describe('One row per invoice line: rows with the same invoice number are one invoice.'),
    customerInSections: z.boolean().optional()
      .describe('A report grouped by customer, with no customer column: a heading row (one cell filled) names the customer of the rows under it.'),
    dateOrder: z.enum(['dmy', 'mdy']).optional().describe('For dates like 03/04/2026 when no day in the file is over 12.'),
    decimalSeparator: z.enum(['.', ',']).optional().describe('Detected from the amounts when absent.'),
    currency: z.string().refine(isCurrencyCode, { message: 'must be an ISO 4217 currency code such as USD, EUR or GBP' }).optional()
      .describe('Currency when the file has no currency column (--currency overrides).'),
    termsDays: z.number().int().min(0).optional().describe('Payment terms when the file has none (else defaultTermsDays in the config).'),
    statuses: z.record(z.string(), z.enum(STATUS_MEANINGS)).default({})
      .describe('Status value (any case) -> open, paid, void, draft, credit or written-off. Common words are known already.'),
    types: z.record(z.string(), z.enum(['invoice', 'credit', 'unapplied-payment', 'skip'])).default({})
      .describe('Document type value -> invoice, credit (amount made negative), unapplied-payment (a payment not yet set against an invoice, as aging reports list it: a credit on the account while it has an open balance) or skip (the row is not an invoice).'),
  })
  .strict();

export type Mapping = z.infer<typeof MappingSchema>;

export function mappingJsonSchema(): unknown {
  return z.toJSONSchema(MappingSchema, { io: 'input' });
}
