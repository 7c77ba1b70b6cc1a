import type { Customer } from '../domain/account.js';
import type { InvoiceRecord } from '../import/record.js';
import type { EventLog } from './events.js';
import type { Ledger } from './open.js';

/** A customer row as the ledger holds it. */
export type CustomerRow = Customer;

const FIELDS = ['name', 'email', 'language', 'address', 'phone'] as const;

/** Enough for an accountant's 100,000 customers; past it the cache starts again (it only saves queries). */
const CACHE_LIMIT = 200_000;

/**
 * Keeps the customers of imported invoices up to date: a new one is added, a changed one
 * updated with an event naming each old and new value. A customer's rows repeat through an
 * export, so what this import last wrote for each is remembered and the ledger asked only once.
 */
export class CustomerWriter {
  private readonly q;
  private readonly written = new Map<string, CustomerRow>();

  constructor(
    db: Ledger,
    private readonly events: EventLog,
    private readonly file: string,
  ) {
    this.q = {
      get: db.prepare('SELECT id, name, email, language, address, phone FROM customers WHERE id = ?'),
      insert: db.prepare('INSERT INTO customers (id, name, email, language, address, phone) VALUES (?, ?, ?, ?, ?, ?)'),
      update: db.prepare('UPDATE customers SET name = @name, email = @email, language = @language, address = @address, phone = @phone WHERE id = @id'),
    };
  }

  /** Makes the ledger's customer what the invoice row says. */
  upsert(r: InvoiceRecord): void {
    const old = this.written.get(r.customerId) ?? (this.q.get.get(r.customerId) as CustomerRow | undefined);
    if (old && old.name === r.customerName && old.email === r.email && old.language === r.language && old.address === r.address && old.phone === r.phone) {
      this.remember(old);
      return;
    }
    const next: CustomerRow = { id: r.customerId, name: r.customerName, email: r.email, language: r.language, address: r.address, phone: r.phone };
    if (!old) this.q.insert.run(next.id, next.name, next.email, next.language, next.address, next.phone);
    else {
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const f of FIELDS) if (old[f] !== next[f]) changes[f] = { from: old[f], to: next[f] };
      this.q.update.run(next);
      this.events.append({ kind: 'customer-updated', customerId: r.customerId, data: { file: this.file, changes } });
    }
    this.remember(next);
  }

  private remember(row: CustomerRow): void {
    if (this.written.get(row.id) === row) return;
    if (this.written.size >= CACHE_LIMIT && !this.written.has(row.id)) this.written.clear();
    // Cells are slices of the reader's chunk of text: kept as they are, one remembered
    // customer would keep its whole chunk alive, and a file's customers the whole file.
    this.written.set(row.id, {
      id: own(row.id),
      name: own(row.name),
      email: ownOrNull(row.email),
      language: ownOrNull(row.language),
      address: ownOrNull(row.address),
      phone: ownOrNull(row.phone),
    });
  }
}

/** A copy of `s` that shares no memory with the string it was sliced from. */
function own(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

function ownOrNull(s: string | null): string | null {
  return s === null ? null : own(s);
}
