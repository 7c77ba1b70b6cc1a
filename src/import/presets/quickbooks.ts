import { preset } from './preset.js';

/** QuickBooks Online's invoice import template: one row per line, no invoice total. */
export const quickbooksImport = preset('quickbooks', 'QuickBooks Online invoice import (one row per line)', ['InvoiceNo', 'Customer', 'InvoiceDate', 'ItemAmount'], {
  lineItems: true,
  columns: {
    invoice_number: 'InvoiceNo', customer_name: 'Customer', issue_date: 'InvoiceDate', due_date: 'DueDate',
    terms_days: 'Terms', line_amount: 'ItemAmount', line_tax: 'Item Tax Amount', currency: 'Currency',
  },
});

/**
 * QuickBooks Online "Invoice List" and "A/R Aging Detail" reports: a title block before the
 * header, section and total rows among the data (skipped: they have no number), a timestamp
 * footer; credit memos negative; a payment listed with an open balance is not yet applied to an
 * invoice, so it is a credit on the customer's account. The customer column is
 * `Name` in older exports, `Customer` or `Customer full name` in newer ones.
 */
export const quickbooksReport = preset('quickbooks', 'QuickBooks Online Invoice List / A/R Aging Detail report', ['Transaction type', 'Num', 'Amount', 'Open balance'], {
  columns: {
    issue_date: 'Date', type: 'Transaction type', invoice_number: 'Num', customer_name: ['Name', 'Customer', 'Customer full name'],
    due_date: 'Due date', amount: 'Amount', balance: 'Open balance', currency: 'Currency',
  },
  types: { invoice: 'invoice', 'credit memo': 'credit', payment: 'unapplied-payment', 'journal entry': 'skip', 'sales receipt': 'skip' },
});

/**
 * QuickBooks Desktop "A/R Aging Detail" and "Open Invoices" reports: title rows, indented
 * columns, aging sections with "Total …" rows, a TOTAL row. The aging report names the
 * customer on each row; Open Invoices groups rows under the customer's name instead. The report
 * shows what is open, not the original total: the open balance is the invoice's amount. A payment
 * not yet applied is a credit on the customer's account.
 */
export const quickbooksDesktopReport = preset('quickbooks', 'QuickBooks Desktop A/R Aging Detail / Open Invoices report', ['Type', 'Date', 'Num', 'Due Date', 'Open Balance'], {
  customerInSections: true,
  columns: {
    type: 'Type', issue_date: 'Date', invoice_number: 'Num', customer_name: 'Name', terms_days: 'Terms',
    due_date: 'Due Date', amount: ['Amount', 'Open Balance'], balance: 'Open Balance', currency: 'Currency',
  },
  types: { invoice: 'invoice', 'credit memo': 'credit', payment: 'unapplied-payment', 'general journal': 'skip', 'sales receipt': 'skip', check: 'skip', deposit: 'skip', statement: 'skip' },
});
