import { preset } from './preset.js';

/** Wave's invoice export: one row per invoice, dates like 27-01-2022. */
export const wave = preset('wave', 'Wave invoices', ['Invoice Number', 'Customer Name', 'Invoice Date', 'Invoice Total', 'Invoice Paid'], {
  columns: {
    invoice_number: 'Invoice Number', customer_name: 'Customer Name', issue_date: 'Invoice Date', due_date: 'Due Date',
    amount: 'Invoice Total', amount_paid: 'Invoice Paid', currency: 'Currency',
  },
});
