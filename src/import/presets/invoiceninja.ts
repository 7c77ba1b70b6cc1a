import { preset } from './preset.js';

/**
 * Invoice Ninja v4 exports: a title block before the header, `$13.50` amounts, one row per line
 * with the invoice's Amount and Paid on each (so repeated rows never add up twice).
 */
export const invoiceninja = preset('invoiceninja', 'Invoice Ninja invoices (one row per line)', ['Client', 'Invoice Number', 'Amount', 'Paid', 'Invoice Date', 'Due Date'], {
  lineItems: true,
  columns: {
    customer_name: 'Client', email: 'Email', invoice_number: 'Invoice Number', amount: 'Amount', amount_paid: 'Paid',
    status: 'Status', issue_date: 'Invoice Date', due_date: 'Due Date', currency: 'Currency',
  },
  statuses: { reversed: 'void' },
});

/** Invoice Ninja v4 payments export: one row per payment, refunds in parentheses. */
export const invoiceninjaPayments = preset('invoiceninja', 'Invoice Ninja payments', ['Client', 'Invoice Number', 'Amount', 'Date'], {
  kind: 'payments',
  columns: { customer_name: 'Client', invoice_number: 'Invoice Number', amount: 'Amount', paid_on: 'Date', reference: 'Transaction Reference', currency: 'Currency' },
});
