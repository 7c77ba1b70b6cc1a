import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arrange, type ArrangeArgs } from '../../src/app/arrange.js';
import { loadConfig } from '../../src/app/config.js';
import { hold, release } from '../../src/app/hold.js';
import { importFiles } from '../../src/app/import.js';
import { note } from '../../src/app/note.js';
import { pay } from '../../src/app/pay.js';
import { runDunning, type RunReport } from '../../src/app/run.js';
import { showAccount } from '../../src/app/show.js';
import { workspaceFor, type Moment } from '../../src/app/workspace.js';
import { addDays } from '../../src/domain/dates.js';
import { openLedger, type Ledger } from '../../src/ledger/open.js';
import { CANONICAL_HEADER, TEST_BUSINESS, tempDir } from '../helpers.js';

/**
 * A small business's books, driven in-process day by day: what a credit controller does
 * (import, pay, hold, arrange, note) and what the morning run drafts, in the trade's words.
 */
export class Book {
  readonly dir = tempDir('dunning-book-');
  readonly ws = workspaceFor(join(this.dir, 'dunning.db'));
  readonly db: Ledger = openLedger(this.ws.dbPath);
  /** Day -> what the run did: `customer:stage` for letters, `customer:flag:reason` for flags. */
  readonly diary: Record<string, string[]> = {};
  readonly reports: Record<string, RunReport> = {};
  private imports = 0;

  constructor(private readonly config: Record<string, unknown> = {}) {
    writeFileSync(this.ws.configPath, JSON.stringify({ business: TEST_BUSINESS, ...config }));
  }

  moment(asOf: string): Moment {
    return { asOf, stamp: { at: `${asOf}T07:30:00.000Z`, actor: 'test' } };
  }

  /** Invoices as canonical CSV rows (without the header). */
  async invoices(asOf: string, rows: string[]): Promise<void> {
    const file = join(this.dir, `export-${++this.imports}.csv`);
    writeFileSync(file, [CANONICAL_HEADER, ...rows].join('\n') + '\n');
    await importFiles(this.db, [file], this.moment(asOf));
  }

  async run(asOf: string): Promise<RunReport> {
    const r = await runDunning(this.db, this.ws, await loadConfig(this.ws.configPath), this.moment(asOf));
    const done = [...r.letters.map((l) => `${l.customer}:${l.stage}`), ...r.flagged.map((f) => `${f.customer}:flag:${f.reason}`)];
    if (done.length > 0) this.diary[asOf] = done;
    this.reports[asOf] = r;
    return r;
  }

  /** A run every morning from `from` to `to`, with the day's business done first by `before`. */
  async daily(from: string, to: string, before: (day: string) => Promise<void> | void = () => {}): Promise<void> {
    for (let day = from; day <= to; day = addDays(day, 1)) {
      await before(day);
      await this.run(day);
    }
  }

  pay(asOf: string, invoice: string, amount: string) {
    return pay(this.db, this.moment(asOf), { invoice, amount });
  }
  hold(asOf: string, target: string, reason: string, until?: string) {
    return hold(this.db, this.moment(asOf), { target, reason, until });
  }
  release(asOf: string, target: string, reason?: string) {
    return release(this.db, this.moment(asOf), { target, reason });
  }
  arrange(asOf: string, args: ArrangeArgs) {
    return arrange(this.db, this.moment(asOf), args);
  }
  note(asOf: string, customer: string, text: string) {
    return note(this.db, this.moment(asOf), { customer, text });
  }
  async show(asOf: string, what: string) {
    return showAccount(this.db, (await loadConfig(this.ws.configPath)).policy, asOf, what);
  }

  close(): void {
    this.db.close();
  }
}
