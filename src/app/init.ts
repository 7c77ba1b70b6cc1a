import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localeProblem, timeZoneProblem } from '../domain/config-checks.js';
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

/** What the environment says of the owner's language and clock, read by the CLI. */
export interface InitEnvironment {
  /** `LANG`, e.g. "en_GB.UTF-8". */
  lang?: string;
  /** `TZ`, e.g. "Europe/London". */
  tz?: string;
  /** The system's own time zone (Intl), used when TZ is not set. */
  systemTimeZone?: string;
}

export interface InitChoice {
  value: string;
  /** Where it came from, in words: "LANG=en_GB.UTF-8", "TZ", "the system", "the default". */
  from: string;
}

export interface InitReport {
  /** Files and folders written. */
  created: string[];
  /** What was there already and was left as it was (a ledger made by `import`, say). */
  kept: string[];
  /** Chosen for a config written now; null when the config was kept. */
  locale: InitChoice | null;
  timeZone: InitChoice | null;
}

/** "en_GB.UTF-8" -> "en-GB" when Intl supports it; "C", "POSIX" or nothing -> the default. */
export function localeFromEnvironment(lang: string | undefined): InitChoice {
  const m = /^([a-z]{2,3})(?:_([A-Z]{2}))?(?:[.@].*)?$/.exec(lang ?? '');
  const tag = m ? (m[2] ? `${m[1]}-${m[2]}` : m[1]!) : null;
  return tag && !localeProblem(tag) ? { value: tag, from: `LANG=${lang}` } : { value: DEFAULT_CONFIG.locale, from: 'the default' };
}

/** TZ when it names an IANA zone, else the system's zone, else UTC. */
export function timeZoneFromEnvironment(env: InitEnvironment): InitChoice {
  const tz = env.tz?.replace(/^:/, '');
  if (tz && tz.includes('/') && !timeZoneProblem(tz)) return { value: tz, from: 'TZ' };
  if (env.systemTimeZone && !timeZoneProblem(env.systemTimeZone)) return { value: env.systemTimeZone, from: 'the system' };
  return { value: DEFAULT_CONFIG.timeZone, from: 'the default' };
}

/**
 * Creates what is missing of a workspace in `dir`: the config (with the locale and time zone
 * of the environment), its schema, editable templates and the ledger (`ledger`, by default
 * dunning.db). What exists is kept, never overwritten: `init` beside a ledger made by
 * `import` adds the config and templates. A folder with everything already is refused.
 */
export async function initWorkspace(dir: string, env: InitEnvironment = {}, ledger = join(dir, 'dunning.db')): Promise<InitReport> {
  const parts = [join(dir, CONFIG_FILE), join(dir, SCHEMA_FILE), join(dir, 'templates'), ledger];
  const kept = parts.filter((t) => existsSync(t));
  if (kept.length === parts.length) {
    throw new UsageError(`${dir} is already set up (${kept.join(', ')}); init never overwrites (edit the files, or use another folder)`);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const created: string[] = [];
  let locale: InitChoice | null = null;
  let timeZone: InitChoice | null = null;
  if (!existsSync(join(dir, SCHEMA_FILE))) {
    const { configJsonSchema } = await import('../domain/config-schema.js');
    writeFileSync(join(dir, SCHEMA_FILE), `${JSON.stringify(configJsonSchema(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    created.push(join(dir, SCHEMA_FILE));
  }
  if (!existsSync(join(dir, CONFIG_FILE))) {
    locale = localeFromEnvironment(env.lang);
    timeZone = timeZoneFromEnvironment(env);
    const config = { ...exampleConfig(), locale: locale.value, timeZone: timeZone.value };
    // The config holds bank details: owner-only whatever the umask.
    writeFileSync(join(dir, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    created.push(join(dir, CONFIG_FILE));
  }
  if (!existsSync(join(dir, 'templates'))) {
    cpSync(BUILT_IN_TEMPLATES, join(dir, 'templates'), { recursive: true, errorOnExist: true, force: false });
    created.push(join(dir, 'templates'));
  }
  if (!existsSync(ledger)) {
    openLedger(ledger).close();
    created.push(ledger);
  }
  return { created, kept, locale, timeZone };
}
