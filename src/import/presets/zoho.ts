import { preset } from './preset.js';

/** Zoho Invoice export: one row per line, the invoice's Total and open Balance on each. */
export const zoho = preset('zoho', 'Zoho Invoice (one row per line)', ['Invoice Number', 'Invoice Status', 'Customer Name', 'Total', 'Balance'], {
  lineItems: true,
  columns: {
    issue_date: 'Invoice Date', invoice_number: 'Invoice Number', status: 'Invoice Status', customer_name: 'Customer Name',
    customer_id: 'Customer ID', due_date: 'Due Date', currency: 'Currency Code', amount: 'Total', balance: 'Balance',
    terms_days: 'Payment Terms', address: 'Billing Address', phone: 'Billing Phone',
  },
});
