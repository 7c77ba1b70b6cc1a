import { preset } from './preset.js';

/** FreshBooks invoice export: one row per line, no invoice total and no due date. */
export const freshbooks = preset('freshbooks', 'FreshBooks invoices (one row per line)', ['Client Name', 'Invoice #', 'Date Issued', 'Line Total'], {
  lineItems: true,
  columns: {
    customer_name: 'Client Name', invoice_number: 'Invoice #', issue_date: 'Date Issued', status: 'Invoice Status',
    line_amount: 'Line Total', currency: 'Currency',
  },
  statuses: { 'auto-paid': 'paid', disputed: 'open', retry: 'open', failed: 'open' },
});
