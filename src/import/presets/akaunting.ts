import { preset } from './preset.js';

/** Akaunting's invoice export: every field quoted, amounts like `10.0000`, no amount paid. */
export const akaunting = preset('akaunting', 'Akaunting invoices', ['invoice_number', 'invoice_status_code', 'invoiced_at', 'amount'], {
  columns: {
    invoice_number: 'invoice_number', status: 'invoice_status_code', issue_date: 'invoiced_at', due_date: 'due_at',
    amount: 'amount', currency: 'currency_code', customer_id: 'customer_id', customer_name: 'customer_name',
    email: 'customer_email', phone: 'customer_phone', address: 'customer_address',
  },
});
