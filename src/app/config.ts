import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { UsageError } from '../domain/errors.js';
import { keyProblemLines } from '../domain/file-problems.js';
import { parsePercent, type FeePolicy } from '../domain/fees.js';
import { isCurrencyCode, parseDecimal } from '../domain/money.js';
import { DEFAULT_POLICY, type Policy, type Stage } from '../domain/policy.js';
import type { SegmentRule } from '../domain/segments.js';
import { DEFAULT_CONFIG } from '../domain/config-defaults.js';
import type { Config, ConfigProblem } from '../domain/config-schema.js';
import type { Business } from '../letters/context.js';

export interface LoadedConfig {
  config: Config;
  policy: Policy;
  business: Business;
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

/** Loads and validates dunning.config.json; without the file, the built-in defaults apply. */
async function parseConfigFile(path: string): Promise<{ config: Config; raw: unknown; problems: ConfigProblem[] }> {
  const { ConfigSchema, configProblems } = await import('../domain/config-schema.js');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON: ${(e as Error).message} (fix the file or run \`dunning init\` in an empty folder for an example)`);
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    refuse(path, raw, parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: explain(i) })));
  }
  return { config: parsed.data, raw, problems: configProblems(parsed.data, DEFAULT_POLICY.stages.map((s) => s.id)) };
}

/**
 * Loads and validates dunning.config.json; without the file, the built-in defaults apply
 * (without loading zod: most of a small command's start-up).
 */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  const exists = existsSync(path);
  const { config, raw, problems } = exists
    ? await parseConfigFile(path)
    : { config: structuredClone(DEFAULT_CONFIG), raw: {}, problems: [] as ConfigProblem[] };
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
    minimumBalance,
    thankYou: config.thankYou,
    letterFormat: config.letters.format,
    segments,
    fees,
  };
  return { config, policy, business: config.business, path: exists ? path : null };
}
