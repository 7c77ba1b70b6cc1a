import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { DUNNING_APPLICATION_ID } from './identity.js';

/**
 * Numbered schema migrations. `PRAGMA user_version` holds the number applied; each migration
 * runs in its own transaction. Append new ones; never edit one that has shipped.
 */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'customers, invoices, payments, holds, plans, contacts, runs and the event log',
    up: (db) =>
      db.exec(`
        CREATE TABLE customers (
          id        TEXT PRIMARY KEY,
          name      TEXT NOT NULL,
          email     TEXT,
          language  TEXT,
          address   TEXT,
          phone     TEXT
        );

        -- The open balance is derived: amount_minor minus the sum of payments. Never stored.
        CREATE TABLE invoices (
          number       TEXT PRIMARY KEY,
          customer_id  TEXT NOT NULL REFERENCES customers(id),
          issue_date   TEXT NOT NULL CHECK (issue_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
          due_date     TEXT NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
          currency     TEXT NOT NULL CHECK (length(currency) = 3),
          amount_minor INTEGER NOT NULL,                      -- negative: a credit note
          status       TEXT NOT NULL DEFAULT 'open'
                       CHECK (status IN ('open', 'draft', 'void', 'written-off'))
        );
        CREATE INDEX invoices_by_customer ON invoices(customer_id);

        CREATE TABLE payments (
          id             INTEGER PRIMARY KEY,
          invoice_number TEXT NOT NULL REFERENCES invoices(number),
          paid_on        TEXT NOT NULL,
          amount_minor   INTEGER NOT NULL,                    -- in the invoice's currency
          reference      TEXT,
          source         TEXT NOT NULL                        -- 'import' or 'manual'
        );
        CREATE INDEX payments_by_invoice ON payments(invoice_number);

        CREATE TABLE holds (
          id             INTEGER PRIMARY KEY,
          customer_id    TEXT REFERENCES customers(id),
          invoice_number TEXT REFERENCES invoices(number),
          reason         TEXT NOT NULL,
          placed_on      TEXT NOT NULL,
          until          TEXT,                                -- the hold lifts itself after this day
          released_on    TEXT,
          CHECK ((customer_id IS NULL) <> (invoice_number IS NULL))
        );

        CREATE TABLE plans (
          id          INTEGER PRIMARY KEY,
          customer_id TEXT NOT NULL REFERENCES customers(id),
          currency    TEXT NOT NULL,
          created_on  TEXT NOT NULL,
          grace_days  INTEGER NOT NULL DEFAULT 3,
          status      TEXT NOT NULL DEFAULT 'active'
                      CHECK (status IN ('active', 'completed', 'missed', 'cancelled'))
        );
        CREATE TABLE installments (
          plan_id      INTEGER NOT NULL REFERENCES plans(id),
          seq          INTEGER NOT NULL,
          due_on       TEXT NOT NULL,
          amount_minor INTEGER NOT NULL,
          PRIMARY KEY (plan_id, seq)
        );

        CREATE TABLE runs (
          id         INTEGER PRIMARY KEY,
          as_of      TEXT NOT NULL,
          started_at TEXT NOT NULL
        );

        -- Every contact with a customer: letters drafted (and thank-yous), notes made by hand.
        CREATE TABLE contacts (
          id           INTEGER PRIMARY KEY,
          customer_id  TEXT NOT NULL REFERENCES customers(id),
          contacted_on TEXT NOT NULL,
          kind         TEXT NOT NULL CHECK (kind IN ('letter', 'thank-you', 'flag', 'note')),
          channel      TEXT NOT NULL,                         -- email, letter, phone, meeting, none
          stage        TEXT,
          run_id       INTEGER REFERENCES runs(id),
          voided       INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX contacts_by_customer ON contacts(customer_id, contacted_on);

        -- Which invoices a contact was about, and the stage each stood at after it.
        CREATE TABLE contact_invoices (
          contact_id     INTEGER NOT NULL REFERENCES contacts(id),
          invoice_number TEXT NOT NULL REFERENCES invoices(number),
          stage          TEXT,
          climbed        INTEGER NOT NULL,
          PRIMARY KEY (contact_id, invoice_number)
        );
        CREATE INDEX contact_invoices_by_invoice ON contact_invoices(invoice_number);

        -- The audit trail: append-only and hash-chained (see src/ledger/events.ts).
        CREATE TABLE events (
          id             INTEGER PRIMARY KEY,
          at             TEXT NOT NULL,                       -- UTC ISO 8601
          actor          TEXT NOT NULL,                       -- the OS user
          kind           TEXT NOT NULL,
          customer_id    TEXT,
          invoice_number TEXT,
          data           TEXT NOT NULL,                       -- canonical JSON
          prev_hash      TEXT NOT NULL,
          hash           TEXT NOT NULL
        );
        CREATE INDEX events_by_customer ON events(customer_id);
        CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
          BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be changed'); END;
        CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
          BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be deleted'); END;

        -- Files an import has loaded, by content hash: the same file again changes nothing.
        CREATE TABLE imports (
          sha256   TEXT PRIMARY KEY,
          file     TEXT NOT NULL,
          event_id INTEGER NOT NULL REFERENCES events(id)
        );
      `),
  },
  {
    version: 2,
    name: 'plan coverage and closing, fees charged',
    up: (db) =>
      db.exec(`
        -- A plan covers the invoices open in its currency when it was arranged.
        CREATE TABLE plan_invoices (
          plan_id        INTEGER NOT NULL REFERENCES plans(id),
          invoice_number TEXT NOT NULL REFERENCES invoices(number),
          PRIMARY KEY (plan_id, invoice_number)
        );
        CREATE INDEX plan_invoices_by_invoice ON plan_invoices(invoice_number);
        -- The day a plan completed, was missed or was cancelled.
        ALTER TABLE plans ADD COLUMN closed_on TEXT;
        CREATE INDEX plans_by_customer ON plans(customer_id, status);

        -- Late fees, statutory interest and compensation, charged with a letter: at most once
        -- per invoice, stage and kind. Interest covers the days up to and including 'through'.
        CREATE TABLE fees (
          id             INTEGER PRIMARY KEY,
          invoice_number TEXT NOT NULL REFERENCES invoices(number),
          stage          TEXT NOT NULL,
          kind           TEXT NOT NULL CHECK (kind IN ('fee', 'interest', 'compensation')),
          currency       TEXT NOT NULL CHECK (length(currency) = 3),
          amount_minor   INTEGER NOT NULL CHECK (amount_minor >= 0),
          description    TEXT NOT NULL,
          charged_on     TEXT NOT NULL,
          through        TEXT,
          contact_id     INTEGER REFERENCES contacts(id),
          UNIQUE (invoice_number, stage, kind)
        );
      `),
  },
  {
    version: 3,
    name: 'payments by invoice cover the day and the amount; holds by invoice',
    up: (db) =>
      db.exec(`
        -- Planning sums every invoice's payments (a million look-ups on a million-invoice
        -- ledger); with the day and the amount in the index it never reads the table.
        DROP INDEX payments_by_invoice;
        CREATE INDEX payments_by_invoice ON payments(invoice_number, paid_on, amount_minor);
        -- Each open invoice asks whether it is held.
        CREATE INDEX holds_by_invoice ON holds(invoice_number);
      `),
  },
  {
    version: 4,
    name: 'what an export said was paid before the import is kept on the invoice',
    up: (db) =>
      db.exec(`
        -- What the invoice export said was already paid (or, for a credit note, applied) when the
        -- invoice first arrived. It has no date and is no payment the ledger saw, so it is part
        -- of the invoice, not a payment row with a made-up day (a million-invoice export made
        -- 917,000 of those). The open balance stays derived, never stored:
        -- amount_minor - paid_before_minor - the sum of the invoice's payments.
        ALTER TABLE invoices ADD COLUMN paid_before_minor INTEGER NOT NULL DEFAULT 0;
        UPDATE invoices SET paid_before_minor = (
          SELECT SUM(p.amount_minor) FROM payments p
          WHERE p.invoice_number = invoices.number AND p.reference = 'paid before import' AND p.source = 'import')
        WHERE number IN (SELECT invoice_number FROM payments WHERE reference = 'paid before import' AND source = 'import');
        DELETE FROM payments WHERE reference = 'paid before import' AND source = 'import';
      `),
  },
  {
    version: 5,
    name: 'payments by kind, voided payments, a contact name, row checks and the trail head',
    up: (db) =>
      db.exec(`
        -- What each payment row is, instead of markers in its reference: a payment (typed in,
        -- or dated in a payments export), what a newer invoice export said was paid on top
        -- (export-paid), or the undated part a dated payment replaced (replaced). AUTOINCREMENT:
        -- a voided payment's id is never given to another.
        CREATE TABLE payments_v5 (
          id             INTEGER PRIMARY KEY AUTOINCREMENT,
          invoice_number TEXT NOT NULL REFERENCES invoices(number),
          paid_on        TEXT NOT NULL,
          amount_minor   INTEGER NOT NULL,
          reference      TEXT,
          source         TEXT NOT NULL,
          kind           TEXT NOT NULL DEFAULT 'payment' CHECK (kind IN ('payment', 'export-paid', 'replaced'))
        );
        INSERT INTO payments_v5 (id, invoice_number, paid_on, amount_minor, reference, source, kind)
        SELECT id, invoice_number, paid_on, amount_minor, reference, source,
               CASE WHEN source = 'import' AND reference LIKE 'import %' THEN 'export-paid'
                    WHEN source = 'import' AND reference = 'replaced by dated payment' THEN 'replaced'
                    ELSE 'payment' END
        FROM payments;
        DROP TABLE payments;
        ALTER TABLE payments_v5 RENAME TO payments;
        CREATE INDEX payments_by_invoice ON payments(invoice_number, paid_on, amount_minor);

        -- A voided payment leaves payments (so nothing counts it) and is kept here, marked void.
        CREATE TABLE voided_payments (
          id             INTEGER PRIMARY KEY,                 -- the payment's own id
          invoice_number TEXT NOT NULL REFERENCES invoices(number),
          paid_on        TEXT NOT NULL,
          amount_minor   INTEGER NOT NULL,
          reference      TEXT,
          source         TEXT NOT NULL,
          kind           TEXT NOT NULL,
          voided_on      TEXT NOT NULL,
          reason         TEXT NOT NULL
        );
        CREATE INDEX voided_payments_by_invoice ON voided_payments(invoice_number);

        -- The person to write to at the customer ("Dear Ms Okafor").
        ALTER TABLE customers ADD COLUMN contact_name TEXT;

        -- A check value of every row dunning wrote to the smaller tables (see src/ledger/row-checks.ts):
        -- audit verify recomputes them, so a row added, changed or deleted by other means is named.
        CREATE TABLE row_checks (
          tbl    TEXT NOT NULL,
          row    INTEGER NOT NULL,                            -- the row's rowid
          name   TEXT NOT NULL,                               -- how verify names it
          digest INTEGER NOT NULL,
          PRIMARY KEY (tbl, row)
        ) WITHOUT ROWID;

        -- Invoices and customers, a million rows to an import, carry their check in the row (the
        -- importer computes it as it writes); row_sums keeps each table's count and check sums,
        -- so a deleted row is caught too.
        ALTER TABLE invoices ADD COLUMN row_check INTEGER;
        ALTER TABLE customers ADD COLUMN row_check INTEGER;
        CREATE TABLE row_sums (
          tbl  TEXT PRIMARY KEY,
          rows INTEGER NOT NULL,
          lo   INTEGER NOT NULL,                              -- sum of the checks' low 32 bits
          hi   INTEGER NOT NULL                               -- sum of their high bits
        );

        -- The newest event dunning wrote, kept outside the trail: a deleted newest event is caught.
        -- columns: the tables and columns the row checks were computed over, and at which schema.
        CREATE TABLE ledger_state (
          id        INTEGER PRIMARY KEY CHECK (id = 1),
          head_id   INTEGER NOT NULL,
          head_hash TEXT NOT NULL,
          columns   TEXT NOT NULL
        );
        INSERT INTO ledger_state (id, head_id, head_hash, columns)
        SELECT 1, COALESCE(MAX(id), 0), COALESCE((SELECT hash FROM events ORDER BY id DESC LIMIT 1), '${'0'.repeat(64)}'), '' FROM events;
      `),
  },
  {
    version: 6,
    name: 'debts released from being stale; runs that were undone',
    up: (db) =>
      db.exec(`
        -- An invoice already more than staleAfterDays overdue when first imported is not chased
        -- until the owner decides (issue 14): released to be dunned from this day (one row), or
        -- written off (its status becomes written-off). Each decision is also an event.
        CREATE TABLE stale_releases (
          invoice_number TEXT PRIMARY KEY REFERENCES invoices(number),
          released_on    TEXT NOT NULL
        );

        -- A run taken back with \`run --undo-last\` (a typo'd far-future --as-of): it no longer
        -- counts as the last run, and its contacts are voided (issue 19).
        ALTER TABLE runs ADD COLUMN undone_at TEXT;
      `),
  },
  {
    version: 7,
    name: 'delivery of each email letter, and addresses that bounced',
    up: (db) =>
      db.exec(`
        -- Each email letter's way out (issue 16): drafted, sending (committed before the SMTP
        -- transaction), sent, failed (temporary; tried again from next_attempt), rejected,
        -- cancelled, unknown (the process died between sending and the reply). Keyed by the
        -- letter's event, which the .eml names in X-Dunning-Event.
        CREATE TABLE deliveries (
          letter_event INTEGER PRIMARY KEY REFERENCES events(id),
          customer_id  TEXT NOT NULL REFERENCES customers(id),
          file         TEXT NOT NULL,                         -- as the letter event recorded it
          state        TEXT NOT NULL CHECK (state IN ('drafted', 'sending', 'sent', 'failed', 'rejected', 'cancelled', 'unknown')),
          attempts     INTEGER NOT NULL DEFAULT 0,
          attempted_on TEXT,                                  -- the as-of day of the latest attempt
          next_attempt TEXT,                                  -- UTC ISO 8601, for a failed letter
          channel      TEXT,                                  -- email, or post for one marked sent by hand
          reason       TEXT,
          response     TEXT,                                  -- the server's reply
          updated_at   TEXT NOT NULL
        );
        CREATE INDEX deliveries_by_state ON deliveries(state);

        -- An address refused for good (550 at RCPT, or a bounce by mail). The customer is
        -- bad-address while their email is still this address.
        CREATE TABLE bounces (
          id          INTEGER PRIMARY KEY,
          customer_id TEXT NOT NULL REFERENCES customers(id),
          address     TEXT NOT NULL COLLATE NOCASE,
          reason      TEXT NOT NULL,
          bounced_on  TEXT NOT NULL
        );
        CREATE INDEX bounces_by_customer ON bounces(customer_id, address);

        -- The day each export was last imported, changed or not: send refuses to chase from a
        -- stale one, and an export that changed nothing is still today's word on who paid.
        CREATE TABLE exports_seen (
          sha256  TEXT PRIMARY KEY,
          last_on TEXT NOT NULL
        );

        -- Drafts made before dunning could send are accounted for, never sent by surprise.
        INSERT INTO deliveries (letter_event, customer_id, file, state, reason, updated_at)
        SELECT e.id, e.customer_id, json_extract(f.value, '$.path'), 'cancelled',
               'drafted before sending was set up: send it by hand and run dunning mark-sent', e.at
        FROM events e, json_each(e.data, '$.files') f
        WHERE e.kind IN ('letter', 'thank-you') AND json_extract(f.value, '$.path') LIKE '%.eml'
          AND e.customer_id IS NOT NULL;
      `),
  },
  {
    version: 9,
    name: 'the ledger knows itself: a dunning application id and a random id of its own',
    up: (db) => {
      // "DUNN": a file without it (and without dunning's tables) is refused, never migrated.
      // The random id names this ledger's .partial letter files in an outbox shared with others.
      db.exec('CREATE TABLE ledger_identity (id TEXT NOT NULL PRIMARY KEY)');
      db.prepare('INSERT INTO ledger_identity (id) VALUES (?)').run(randomUUID());
      db.pragma(`application_id = ${DUNNING_APPLICATION_ID}`);
    },
  },
  {
    version: 10,
    name: 'the day each invoice was first imported',
    up: (db) =>
      db.exec(`
        -- The as-of day of the import that first brought the invoice: what its export said was
        -- already paid (paid_before_minor) has no date of its own, and reports count it from this
        -- day. Ledgers from before did not record it; their earliest import's day stands in (never
        -- before the invoice's issue), and invoices no import brought keep NULL (their issue day).
        ALTER TABLE invoices ADD COLUMN imported_on TEXT;
        UPDATE invoices SET imported_on = MAX(issue_date, (SELECT MIN(substr(at, 1, 10)) FROM events WHERE kind = 'import'))
        WHERE EXISTS (SELECT 1 FROM events WHERE kind = 'import');
      `),
  },
  {
    version: 11,
    name: 'an index of the invoices still owing',
    up: (db) =>
      db.exec(`
        -- A ledger of a million invoices is mostly paid history: the planner, status and the
        -- reports read the few still owing (or owed: a credit) from here instead of a scan of
        -- every invoice. Every column they read is in it (no look-up into the table), in
        -- customer and currency order (the aging groups without sorting). Payments recorded
        -- against an invoice are not in it: readers subtract them from the payments' side.
        CREATE INDEX invoices_owing ON invoices(customer_id, currency, due_date, number, issue_date, amount_minor, paid_before_minor, imported_on, status)
        WHERE status = 'open' AND amount_minor <> paid_before_minor;
      `),
  },
];

/** The version of the newest migration: what a ledger this code writes is at. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
