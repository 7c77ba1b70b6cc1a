import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventLog } from '../../src/ledger/events.js';
import { MIGRATIONS } from '../../src/ledger/migrations.js';
import { migrate, openLedger } from '../../src/ledger/open.js';
import { tempDir } from '../helpers.js';

describe('migration 7: deliveries and bounces', () => {
  it('accounts for the email drafts made before sending existed as not sent by dunning, and leaves printed letters alone', () => {
    const path = join(tempDir(), 'dunning.db');
    const before = openLedger(path, { migrations: MIGRATIONS.filter((m) => m.version < 7) });
    before.exec(`INSERT INTO customers (id, name, email) VALUES ('acme', 'Acme Ltd', 'ap@acme.test'), ('kite', 'Kite & Co', NULL)`);
    const events = new EventLog(before, { at: '2026-03-02T07:30:00.000Z', actor: 'test' });
    events.append({ kind: 'letter', customerId: 'acme', data: { contact: 1, files: [{ path: '2026-03-02/0001-acme-ltd-reminder.eml', sha256: 'a'.repeat(64) }] } });
    events.append({ kind: 'letter', customerId: 'kite', data: { contact: 2, files: [{ path: '2026-03-02/0002-kite-co-reminder.html', sha256: 'b'.repeat(64) }] } });
    events.append({ kind: 'run', data: { run: 1 } });
    before.close();

    const after = openLedger(path, { migrations: MIGRATIONS.filter((m) => m.version <= 7) });
    expect(after.prepare('SELECT letter_event, customer_id, file, state FROM deliveries').all()).toEqual([
      { letter_event: 1, customer_id: 'acme', file: '2026-03-02/0001-acme-ltd-reminder.eml', state: 'cancelled' },
    ]);
    expect(after.prepare('SELECT reason FROM deliveries').pluck().get()).toMatch(/mark-sent/);
    expect(after.prepare('SELECT COUNT(*) FROM bounces').pluck().get()).toBe(0);
    expect(after.pragma('foreign_key_check')).toEqual([]);
    migrate(after);
    after.close();
  });
});
