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

/**
 * Xero's "Aged Receivables Detail" report: title rows ("As at …"), invoices grouped under each
 * contact's name with a "Total …" row, then the report's total. Due is what is still owed
 * (the total less what was paid and credited).
 */
export const xeroAgedReceivables = preset('xero', 'Xero Aged Receivables Detail report', ['Due Date', 'Total', 'Paid', 'Credited', 'Due'], {
  customerInSections: true,
  columns: {
    issue_date: ['Invoice Date', 'Date'], invoice_number: ['Invoice Number', 'Number'], customer_name: ['Contact', 'Contact Name'],
    due_date: 'Due Date', amount: 'Total', balance: 'Due', currency: 'Currency', type: 'Type',
  },
  types: { invoice: 'invoice', 'credit note': 'credit', overpayment: 'skip', prepayment: 'skip' },
});
