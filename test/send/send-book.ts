import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/app/config.js';
import { importFiles } from '../../src/app/import.js';
import { runDunning, type RunReport } from '../../src/app/run.js';
import { sendLetters, type SendOptions } from '../../src/app/send.js';
import { workspaceFor, type Moment } from '../../src/app/workspace.js';
import { deliveriesIn, type DeliveryState } from '../../src/ledger/deliveries.js';
import { openLedger, type Ledger } from '../../src/ledger/open.js';
import type { SendReport } from '../../src/send/report.js';
import { CANONICAL_HEADER, tempDir } from '../helpers.js';
import { testCertificate, type TestServer } from './smtp-fixture.js';

/** A canonical row: one invoice of 100.00 GBP for customer `c<n>`, due 31 January 2026. */
export const invoiceRow = (n: number, email = `c${n}@customers.test`, number = `INV-${n}`) =>
  `${number},c${n},Customer ${n},${email},2026-01-01,2026-01-31,GBP,100.00,0`;

/**
 * A business that sends its letters to a test SMTP server, driven in process: import, the
 * morning run (reminders fall due on 3 February), and `send` at a pinned instant.
 */
export class SendBook {
  readonly dir = tempDir('dunning-send-');
  readonly ws = workspaceFor(join(this.dir, 'dunning.db'));
  readonly db: Ledger = openLedger(this.ws.dbPath);
  private imports = 0;

  constructor(
    readonly server: TestServer,
    sending: Record<string, unknown> = {},
    config: Record<string, unknown> = {},
  ) {
    writeFileSync(
      this.ws.configPath,
      JSON.stringify({
        business: {
          name: 'Studio Nord',
          email: 'accounts@studio-nord.test',
          address: '1 Quay Street\nBristol',
          paymentInstructions: 'Sort code 00-00-00, account 12345678',
          signatory: 'Ann Nord',
        },
        timeZone: 'Europe/London',
        ...config,
        sending: {
          smtp: { host: '127.0.0.1', port: server.port, secure: 'starttls', user: 'dunning' },
          replyTo: 'Accounts <accounts@studio-nord.test>',
          window: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], hours: '00:00-24:00' },
          maxAttempts: 3,
          ...sending,
        },
      }),
    );
  }

  moment(asOf: string): Moment {
    return { asOf, stamp: { at: `${asOf}T07:30:00.000Z`, actor: 'test' } };
  }

  async invoices(asOf: string, rows: string[]): Promise<void> {
    const file = join(this.dir, `export-${++this.imports}.csv`);
    writeFileSync(file, [CANONICAL_HEADER, ...rows].join('\n') + '\n');
    await importFiles(this.db, [file], this.moment(asOf));
  }

  async run(asOf: string): Promise<RunReport> {
    return runDunning(this.db, this.ws, await loadConfig(this.ws.configPath), this.moment(asOf));
  }

  /** `send` at 10:00 UTC on the day (or `at`), with the test server's certificate trusted and short timeouts. */
  async send(asOf: string, o: Partial<SendOptions> & { at?: string } = {}): Promise<SendReport> {
    const { at, ...rest } = o;
    return sendLetters(this.db, this.ws, await loadConfig(this.ws.configPath), this.moment(asOf), {
      now: new Date(at ?? `${asOf}T10:00:00Z`),
      password: 's3cret',
      smtp: { ca: testCertificate().cert, timeouts: { connection: 2000, greeting: 2000, socket: 1500 } },
      ...rest,
    });
  }

  /** Each letter's delivery state, by customer. */
  states(): Record<string, DeliveryState> {
    const all = deliveriesIn(this.db, ['drafted', 'sending', 'sent', 'failed', 'rejected', 'cancelled', 'unknown']);
    return Object.fromEntries(all.map((d) => [d.customerId, d.state]));
  }

  file(rel: string): string {
    return readFileSync(join(this.ws.outboxDir, rel), 'latin1');
  }

  close(): void {
    this.db.close();
  }
}
