import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../domain/config-defaults.js';
import { UsageError } from '../domain/errors.js';
import { openLedger } from '../ledger/open.js';
import { BUILT_IN_TEMPLATES } from '../letters/templates.js';

export const CONFIG_FILE = 'dunning.config.json';
export const SCHEMA_FILE = 'dunning.config.schema.json';

/** The config `init` writes: every business field to fill in, and the default policy spelt out. */
export function exampleConfig(): Record<string, unknown> {
  return {
    $schema: `./${SCHEMA_FILE}`,
    '//': [
      'dunning configuration. JSON has no comments, so notes live under "//" keys.',
      'Fill in "business": it appears on every letter. Amounts are text ("25.00"), per currency.',
      'The README section "Config" explains every key; the $schema file lets your editor check them.',
      'Segments give good payers more grace, e.g. "segments": [{"id": "reliable", "minPaidInvoices": 3, "minOnTimePercent": 90, "extraGraceDays": 7}].',
      'Everything below matches the built-in defaults: fees are present but off ("enabled": false).',
    ],
    ...structuredClone(DEFAULT_CONFIG),
    business: { ...DEFAULT_CONFIG.business, address: '[Street]\n[Town and postcode]' },
    fees: {
      '//': 'Off ("enabled": false). Late fees per stage, and statutory interest: "uk" (Late Payment of Commercial Debts (Interest) Act 1998, Bank of England base rate + 8%, £40/£70/£100) or "eu" (Directive 2011/7/EU, ECB rate + 8 points, €40). Update referenceRate when the rate changes.',
      enabled: false,
      stages: { 'final-notice': { fixed: { GBP: '25.00' } } },
      statutory: { regime: 'uk', referenceRate: '4.00', fromStage: 'final-notice', compensation: true },
    },
    stages: [
      { id: 'courtesy', daysFromDue: -3, minDaysSinceLastContact: 0, action: 'letter' },
      { id: 'reminder', daysFromDue: 3, minDaysSinceLastContact: 7, action: 'letter' },
      { id: 'second-reminder', daysFromDue: 14, minDaysSinceLastContact: 7, action: 'letter' },
      { id: 'final-notice', daysFromDue: 30, minDaysSinceLastContact: 10, action: 'letter' },
      { id: 'handoff', daysFromDue: 60, minDaysSinceLastContact: 14, action: 'flag' },
    ],
  };
}

/** Creates config, schema, editable templates and the ledger in `dir`; refuses to overwrite. */
export async function initWorkspace(dir: string): Promise<string[]> {
  const targets = [CONFIG_FILE, 'dunning.db', 'templates'].map((f) => join(dir, f));
  const existing = targets.filter((t) => existsSync(t));
  if (existing.length > 0) {
    throw new UsageError(`${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; init never overwrites (move them aside or use another folder)`);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { configJsonSchema } = await import('../domain/config-schema.js');
  writeFileSync(join(dir, SCHEMA_FILE), `${JSON.stringify(configJsonSchema(), null, 2)}\n`, { mode: 0o600 });
  // The config holds bank details: owner-only whatever the umask.
  writeFileSync(join(dir, CONFIG_FILE), `${JSON.stringify(exampleConfig(), null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  cpSync(BUILT_IN_TEMPLATES, join(dir, 'templates'), { recursive: true, errorOnExist: true, force: false });
  openLedger(join(dir, 'dunning.db')).close();
  return [join(dir, CONFIG_FILE), join(dir, SCHEMA_FILE), join(dir, 'templates'), join(dir, 'dunning.db')];
}
