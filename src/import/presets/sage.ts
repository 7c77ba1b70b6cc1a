import { preset } from './preset.js';

/**
 * Sage 50 (UK) audit-trail style export: SI invoices and SC credits, one row per nominal split
 * (net plus tax), DD/MM/YYYY dates, customers by account reference only, no due date.
 */
export const sage = preset('sage', 'Sage 50 (UK) sales invoices and credits', ['Type', 'Account Reference', 'Date', 'Reference', 'Net Amount'], {
  lineItems: true,
  dateOrder: 'dmy',
  columns: {
    type: 'Type', customer_id: 'Account Reference', customer_name: 'Account Reference', issue_date: 'Date',
    invoice_number: 'Reference', line_amount: 'Net Amount', line_tax: 'Tax Amount', currency: 'Currency',
  },
  types: { si: 'invoice', sc: 'credit' },
});
