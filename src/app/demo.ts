import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, type IsoDate } from '../domain/dates.js';
import type { Stamp } from '../ledger/events.js';
import { openLedger, type Ledger } from '../ledger/open.js';
import { arrange, type Drafting } from './arrange.js';
import { loadConfig } from './config.js';
import { hold } from './hold.js';
import { importFiles } from './import.js';
import { note } from './note.js';
import { pay } from './pay.js';
import { exampleConfig } from './init.js';
import { runDunning } from './run.js';
import { receivablesStatus, type StatusReport } from './status.js';
import { workspaceFor, type Moment } from './workspace.js';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

/**
 * The demo replays two months of a small business's mornings on fixed dates, so its output is
 * the same whatever day it is run: the first export is imported on `start`, a newer export (with
 * the payments that came in) on `update`, and `run` goes every day up to `asOf`.
 */
export const DEMO_DATES = { start: '2026-01-05', update: '2026-02-16', asOf: '2026-03-02' } as const;

/**
 * What the owner does by hand along the way, so the demo shows the whole desk: a phone call
 * noted, a dispute put on hold, a payment plan agreed (with its confirmation letter), and the
 * last few pounds of a balance paid (which earns a thank-you).
 */
interface DemoAction {
  on: IsoDate;
  /** The same thing as a command, for the demo's output. */
  what: string;
  act: (db: Ledger, moment: Moment, drafting: Drafting) => Promise<unknown>;
}

export const DEMO_ACTIONS: DemoAction[] = [
  {
    on: '2026-01-26',
    what: 'note greenleaf "Phoned: the cheque is in the post" --channel phone',
    act: (db, m) => note(db, m, { customer: 'greenleaf', text: 'Phoned: the cheque is in the post', channel: 'phone' }),
  },
  {
    on: '2026-02-06',
    what: 'hold riverside-trust --reason "Queries the credit note" --until 2026-02-20',
    act: (db, m) => hold(db, m, { target: 'riverside-trust', reason: 'Queries the credit note', until: '2026-02-20' }),
  },
  {
    on: '2026-02-20',
    what: 'arrange harbourview-hotel --instalments 2 --every month --start 2026-02-27',
    act: (db, m, d) => arrange(db, m, { customer: 'harbourview-hotel', installments: '2', every: 'month', start: '2026-02-27' }, d),
  },
  {
    on: '2026-02-24',
    what: 'pay INV-1046 5.00 --ref "bank transfer"',
    act: (db, m) => pay(db, m, { invoice: 'INV-1046', amount: '5.00', ref: 'bank transfer' }),
  },
];

export interface DemoReport {
  dir: string;
  outbox: string;
  runs: number;
  /** What the owner did by hand along the way (DEMO_ACTIONS). */
  actions: { on: IsoDate; what: string }[];
  lettersByStage: Record<string, number>;
  flagged: { on: IsoDate; customer: string; reason: string }[];
  status: StatusReport;
}

export async function runDemo(dir: string, stamp: Stamp): Promise<DemoReport> {
  for (const f of ['invoices.csv', 'invoices-update.csv']) copyFileSync(join(EXAMPLES_DIR, f), join(dir, f));
  const config = exampleConfig();
  config.business = {
    name: 'Fernwood Design Studio Ltd',
    address: '14 Quay Street\nBristol BS1 4DB\nUnited Kingdom',
    email: 'accounts@fernwood.example',
    phone: '+44 117 496 0321',
    website: 'fernwood.example',
    paymentInstructions: 'Bank transfer to Fernwood Design Studio Ltd, sort code 12-34-56, account 12345678, quoting the invoice number.',
    signatory: 'Hannah Okafor, Accounts',
  };
  config.timeZone = 'Europe/London';
  config.locale = 'en-GB';
  config.defaultCurrency = 'GBP';
  config.minimumBalance = { GBP: '10.00', EUR: '10.00', USD: '10.00' };
  writeFileSync(join(dir, 'dunning.config.json'), `${JSON.stringify(config, null, 2)}\n`);

  const ws = workspaceFor(join(dir, 'dunning.db'));
  const loaded = await loadConfig(ws.configPath);
  const db = openLedger(ws.dbPath);
  const lettersByStage: Record<string, number> = {};
  const flagged: DemoReport['flagged'] = [];
  let runs = 0;
  try {
    await importFiles(db, [join(dir, 'invoices.csv')], { asOf: DEMO_DATES.start, stamp });
    for (let day: IsoDate = DEMO_DATES.start; day <= DEMO_DATES.asOf; day = addDays(day, 1)) {
      if (day === DEMO_DATES.update) await importFiles(db, [join(dir, 'invoices-update.csv')], { asOf: day, stamp });
      for (const a of DEMO_ACTIONS) if (a.on === day) await a.act(db, { asOf: day, stamp }, { ws, loaded });
      const report = await runDunning(db, ws, loaded, { asOf: day, stamp });
      runs++;
      for (const l of report.letters) lettersByStage[l.stage] = (lettersByStage[l.stage] ?? 0) + 1;
      for (const f of report.flagged) {
        // A missing address is reported by every run; the demo shows it once.
        if (!flagged.some((g) => g.customer === f.customer && g.reason === f.reason && f.reason !== 'handoff')) {
          flagged.push({ on: day, customer: f.customer, reason: f.reason });
        }
      }
    }
    return { dir, outbox: ws.outboxDir, runs, actions: DEMO_ACTIONS.map(({ on, what }) => ({ on, what })), lettersByStage, flagged, status: receivablesStatus(db, loaded.policy, DEMO_DATES.asOf) };
  } finally {
    db.close();
  }
}
