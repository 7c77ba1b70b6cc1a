import { preset } from './preset.js';

/**
 * Invoice2Go export: ISO timestamps, terms in days but no due date, two currencies in one file.
 * `unsent` is an invoice the customer may have had on paper: open, not a draft.
 */
export const invoice2go = preset('invoice2go', 'Invoice2Go invoices', ['DocumentNumber', 'DocumentDate', 'Name', 'TotalAmount'], {
  columns: {
    invoice_number: 'DocumentNumber', issue_date: 'DocumentDate', customer_name: 'Name', email: 'EmailRecipient',
    status: 'DocumentStatus', currency: 'CurrencyCode', amount: 'TotalAmount', amount_paid: 'AmountPaidAmount',
    terms_days: 'TermsOld', address: 'DocumentRecipientAddress',
  },
  statuses: { unsent: 'open', fully_paid: 'paid', partially_paid: 'open', opened: 'open' },
});
