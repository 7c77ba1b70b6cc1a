import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../domain/errors.js';
import { parseDecimal } from '../domain/money.js';
import { DEFAULT_POLICY, type Policy } from '../domain/policy.js';
import { DEFAULT_CONFIG } from '../domain/config-defaults.js';
import type { Config } from '../domain/config-schema.js';
import type { Business } from '../letters/context.js';

export interface LoadedConfig {
  config: Config;
  policy: Policy;
  business: Business;
  /** The file it came from, or null for the built-in defaults. */
  path: string | null;
}

async function parseConfigFile(path: string): Promise<Config> {
  const { ConfigSchema } = await import('../domain/config-schema.js');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON: ${(e as Error).message} (fix the file or run \`dunning init\` in an empty folder for an example)`);
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = i.path.join('.') || '(top level)';
      const value = i.path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k as string], raw);
      return `${path}: ${key}: ${i.message}${value === undefined ? '' : ` (found ${JSON.stringify(value)})`}`;
    });
    throw new UsageError(`${lines.join('\n')}\n(the README section "Config" lists every key)`);
  }
  return parsed.data;
}

/** Loads and validates dunning.config.json; without the file, the built-in defaults apply. */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  const exists = existsSync(path);
  const config = exists ? await parseConfigFile(path) : structuredClone(DEFAULT_CONFIG);
  const minimumBalance: Record<string, number> = {};
  for (const [currency, text] of Object.entries(config.minimumBalance)) {
    const r = parseDecimal(text, currency);
    if (!r.ok) throw new UsageError(`${path}: minimumBalance.${currency}: ${r.message}`);
    minimumBalance[currency] = r.minor;
  }
  const policy: Policy = {
    stages: config.stages?.map((s) => ({ ...s, template: s.template ?? s.id })) ?? DEFAULT_POLICY.stages,
    minDaysBetweenContacts: config.minDaysBetweenContacts,
    minimumBalance,
    thankYou: config.thankYou,
    letterFormat: config.letters.format,
  };
  return { config, policy, business: config.business, path: exists ? path : null };
}
