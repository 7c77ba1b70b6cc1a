import { preset } from './preset.js';

/**
 * Xero's sales invoice export and import template: one row per line, the total on each. Statuses
 * in the words of Xero's screens or of its API, in any case; InvoiceAmountDue, where present, is
 * the balance.
 */
export const xero = preset('xero', 'Xero sales invoices (export or import template; one row per line)', ['ContactName', 'InvoiceNumber', 'InvoiceDate', 'DueDate'], {
  lineItems: true,
  columns: {
    customer_name: 'ContactName', email: 'EmailAddress', address: 'POAddressLine1', invoice_number: 'InvoiceNumber',
    issue_date: 'InvoiceDate', due_date: 'DueDate', amount: 'Total', amount_paid: 'InvoiceAmountPaid',
    balance: 'InvoiceAmountDue', line_amount: 'LineAmount', currency: 'Currency', type: 'Type', status: 'Status',
  },
  types: { 'sales invoice': 'invoice', 'sales credit note': 'credit', accrec: 'invoice', accreccredit: 'credit' },
  statuses: {
    draft: 'draft', 'awaiting approval': 'draft', submitted: 'draft', 'awaiting payment': 'open', authorised: 'open',
    paid: 'paid', voided: 'void', deleted: 'void',
  },
});
