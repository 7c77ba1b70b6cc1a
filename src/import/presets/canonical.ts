import { preset } from './preset.js';

/** Our own CSV (README "Importing invoices"); it takes the streaming path, not this mapping. */
export const canonical = preset('canonical', 'dunning canonical CSV', ['invoice_number', 'customer_name', 'issue_date', 'due_date', 'amount'], {
  columns: {
    invoice_number: 'invoice_number', customer_id: 'customer_id', customer_name: 'customer_name', email: 'email',
    issue_date: 'issue_date', due_date: 'due_date', currency: 'currency', amount: 'amount', amount_paid: 'amount_paid',
    language: 'language', address: 'address', phone: 'phone', status: 'status', contact_name: 'contact_name',
  },
});
