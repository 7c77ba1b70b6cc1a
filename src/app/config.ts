import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { UsageError } from '../domain/errors.js';
import { keyProblemLines } from '../domain/file-problems.js';
import { parsePercent, type FeePolicy } from '../domain/fees.js';
import { isCurrencyCode, parseDecimal } from '../domain/money.js';
import { DEFAULT_POLICY, type Policy, type Stage } from '../domain/policy.js';
import type { SegmentRule } from '../domain/segments.js';
import { DEFAULT_CONFIG } from '../domain/config-defaults.js';
import type { Config, ConfigProblem } from '../domain/config-schema.js';
import { placeholderProblems, type BusinessConfig } from '../letters/business.js';

export interface LoadedConfig {
  config: Config;
  policy: Policy;
  /** As the config gives it: payment instructions and signatory may vary by language and currency. */
  business: BusinessConfig;
  /** The file it came from, or null for the built-in defaults. */
  path: string | null;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number, like 7',
  int: 'a whole number, like 7',
  string: 'text in double quotes',
  boolean: 'true or false (no quotes)',
  object: 'an object: { ... }',
  array: 'a list: [ ... ]',
  record: 'an object: { ... }',
};

/** A zod issue in the words of the README: what the key must be, so the fix is obvious. */
function explain(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return issue.origin === 'array' ? `must list at least ${issue.minimum as number} item(s)` : `must be at least ${issue.minimum as number}`;
    case 'too_big':
      return `must be at most ${issue.maximum as number}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling, or remove ${issue.keys.length === 1 ? 'it' : 'them'}; notes go under "//")`;
    default:
      return issue.message;
  }
}

function refuse(path: string, raw: unknown, problems: ConfigProblem[]): never {
  throw new UsageError(`${keyProblemLines(path, raw, problems).join('\n')}\n(the README section "Config" lists every key)`);
}

/** Decimal text per currency (checked against the currency's decimals) as minor units. */
function moneyMap(map: Record<string, string>, at: string[], problems: ConfigProblem[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [currency, text] of Object.entries(map)) {
    if (!isCurrencyCode(currency)) {
      problems.push({ path: [...at, currency], message: `"${currency}" is not an ISO 4217 currency code (use USD, EUR, GBP…)` });
      continue;
    }
    const r = parseDecimal(text, currency);
    if (r.ok) out[currency] = r.minor;
    else problems.push({ path: [...at, currency], message: r.message });
  }
  return out;
}

function ladder(stages: Config['stages']): Stage[] | undefined {
  return stages?.map((s) => ({ ...s, template: s.template ?? s.id }));
}

/** The file's text as JSON; a UTF-8 byte-order mark (Notepad writes one) is not part of it. */
function readJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON: ${(e as Error).message} (fix the file or run \`dunning init\` in an empty folder for an example)`);
  }
}

/** Validates the file whole with zod and the checks that span keys (locale, time zone, ladder, fees). */
async function parseConfigFile(path: string, text: string): Promise<{ config: Config; raw: unknown; problems: ConfigProblem[] }> {
  const { ConfigSchema, configProblems } = await import('../domain/config-schema.js');
  const raw = readJson(path, text);
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    refuse(path, raw, parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: explain(i) })));
  }
  const config = parsed.data;
  const problems = configProblems(config, DEFAULT_POLICY.stages.map((s) => s.id));
  if (!problems.some((p) => p.path[0] === 'locale')) config.locale = Intl.getCanonicalLocales(config.locale)[0]!;
  return { config, raw, problems };
}

/**
 * A config validated once is not validated again until its text changes: the result is kept
 * beside it (`.dunning.config.json.validated`, private), keyed by the SHA-256 of the text and of
 * this program's build. Validating loads zod, most of a small command's start-up.
 */
const CODE = (() => {
  try {
    const s = statSync(fileURLToPath(import.meta.url));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'unknown';
  }
})();

const validatedPath = (path: string) => join(dirname(path), `.${basename(path)}.validated`);
const digestOf = (text: string) => createHash('sha256').update(CODE).update('\0').update(text).digest('hex');

function validatedBefore(path: string, digest: string): Config | null {
  try {
    const kept = JSON.parse(readFileSync(validatedPath(path), 'utf8')) as { digest: string; config: Config };
    return kept.digest === digest ? kept.config : null;
  } catch {
    return null;
  }
}

/** Best effort: a read-only folder only means validating again next time. */
function keepValidated(path: string, digest: string, config: Config): void {
  const target = validatedPath(path);
  try {
    writeFileSync(`${target}.tmp`, JSON.stringify({ digest, config }), { mode: 0o600 });
    renameSync(`${target}.tmp`, target);
  } catch {
    // not kept
  }
}

/**
 * Loads and validates dunning.config.json; without the file, the built-in defaults apply
 * (without loading zod: most of a small command's start-up).
 */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  const exists = existsSync(path);
  const text = exists ? readFileSync(path, 'utf8') : '';
  const digest = exists ? digestOf(text) : '';
  const kept = exists ? validatedBefore(path, digest) : null;
  const { config, raw, problems } = !exists
    ? { config: structuredClone(DEFAULT_CONFIG), raw: {}, problems: [] as ConfigProblem[] }
    : kept
      ? { config: kept, raw: {}, problems: [] as ConfigProblem[] }
      : await parseConfigFile(path, text);
  const minimumBalance = moneyMap(config.minimumBalance, ['minimumBalance'], problems);

  let fees: FeePolicy | null = null;
  if (config.fees?.enabled) {
    const stages: FeePolicy['stages'] = {};
    for (const [stage, fee] of Object.entries(config.fees.stages)) {
      stages[stage] = {
        fixed: fee.fixed ? moneyMap(fee.fixed, ['fees', 'stages', stage, 'fixed'], problems) : null,
        percentBp: fee.percent === undefined ? null : parsePercent(fee.percent),
      };
    }
    const s = config.fees.statutory;
    fees = {
      stages,
      statutory: s ? { regime: s.regime, referenceRateBp: parsePercent(s.referenceRate)!, fromStage: s.fromStage, compensation: s.compensation } : null,
    };
  }
  if (problems.length > 0) refuse(path, raw, problems);
  if (exists && !kept) keepValidated(path, digest, config);

  const segments: SegmentRule[] = config.segments.map((s) => ({
    id: s.id,
    minPaidInvoices: s.minPaidInvoices,
    minOnTimePercent: s.minOnTimePercent ?? null,
    maxAverageDaysLate: s.maxAverageDaysLate ?? null,
    extraGraceDays: s.extraGraceDays,
    stages: ladder(s.stages) ?? null,
  }));
  const policy: Policy = {
    stages: ladder(config.stages) ?? DEFAULT_POLICY.stages,
    minDaysBetweenContacts: config.minDaysBetweenContacts,
    staleAfterDays: config.staleAfterDays,
    minimumBalance,
    thankYou: config.thankYou,
    letterFormat: config.letters.format,
    segments,
    fees,
  };
  return { config, policy, business: config.business, path: exists ? path : null };
}

/**
 * Letters never go out with what `init` wrote for the owner to replace ("[Your business
 * name]", "[Street]", "[How to pay…]") or without a name, payment instructions or signatory:
 * `run`, `draft` and `review` call this before drafting anything (exit 2, naming the keys).
 */
export function refuseIfPlaceholders(loaded: LoadedConfig): void {
  const problems = placeholderProblems(loaded.business);
  if (problems.length === 0) return;
  if (loaded.path === null) {
    throw new UsageError('no business details for the letters: there is no dunning.config.json beside the ledger; nothing was drafted (run `dunning init` to write one, fill in "business", then run again)');
  }
  const lines = problems.map((p) => `${loaded.path}: ${p.key}: ${p.message}`);
  throw new UsageError(`${lines.join('\n')}\nletters would show ${problems.length === 1 ? 'this' : 'these'} to customers; nothing was drafted (fill in the key${problems.length === 1 ? '' : 's'} above in ${loaded.path}, then run again)`);
}
