import { preset } from './preset.js';

/**
 * Stripe's invoices export: lower-case currencies mixed in one file, the due date often empty
 * (derived from the terms). Status decides: `paid` owes nothing whatever Amount Paid says (paid
 * from the credit balance or out of band); on an `open` invoice what is owed is Amount Due (the
 * total less the credit balance applied) less Amount Paid; `draft` and `void` are kept but never
 * chased; `uncollectible` is written off; a negative total is a credit. Column names changed over
 * the years, hence the alternatives.
 */
export const stripe = preset('stripe', 'Stripe invoices export', ['id', 'Amount Due', 'Currency', 'Status'], {
  columns: {
    invoice_number: ['Number', 'id'], customer_id: ['Customer', 'Customer ID'], customer_name: ['Customer Name', 'Customer'],
    email: 'Customer Email', issue_date: ['Date (UTC)', 'Created (UTC)'], due_date: 'Due Date (UTC)', currency: 'Currency',
    amount: 'Total', amount_due: 'Amount Due', amount_paid: 'Amount Paid', status: 'Status',
  },
  statuses: { uncollectible: 'written-off' },
});
