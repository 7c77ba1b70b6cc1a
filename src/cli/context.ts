import type { Command } from 'commander';
import { readlinkSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { addDays, isIsoDate } from '../domain/dates.js';
import { UsageError } from '../domain/errors.js';
import type { LoadedConfig } from '../app/config.js';
import { workspaceFor, type Moment, type Workspace } from '../app/workspace.js';
import type { Ledger, OpenOptions } from '../ledger/open.js';
import { ioOf, type CliIo } from './io.js';
import { makeOutput, type Output } from './output.js';

export interface GlobalOptions {
  db?: string;
  config?: string;
  outbox?: string;
  json?: boolean;
  quiet?: boolean;
  color?: boolean;
  asOf?: string;
}

/** What every command starts from: where the ledger is, how to talk, and what day it is. */
export interface CliContext {
  opts: GlobalOptions;
  ws: Workspace;
  out: Output;
  /** The streams, environment and folder this run was given (src/cli/io.ts). */
  io: CliIo;
  config(): Promise<LoadedConfig>;
  /** Today in the configured time zone, or --as-of; plus who and when for the audit trail. */
  moment(): Promise<Moment>;
  openLedger(options?: OpenOptions): Promise<Ledger>;
}

/**
 * Today's date in a time zone: the only place the clock is read for "today". Intl's time-zone
 * data takes tens of milliseconds to load, so UTC and the machine's own zone (the usual case:
 * `init` writes it) are read from the clock directly.
 */
export function todayIn(timeZone: string, now: Date = new Date(), machine: string | undefined = machineZone()): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return now.toISOString().slice(0, 10);
  if (timeZone === machine) return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The zone this process tells local time in, by name: $TZ, or where /etc/localtime points; undefined when unknown. */
export function machineZone(): string | undefined {
  const tz = process.env.TZ;
  if (tz !== undefined) return tz.replace(/^:/, '') || 'UTC';
  try {
    return /zoneinfo\/(.+)$/.exec(readlinkSync('/etc/localtime'))?.[1];
  } catch {
    return undefined;
  }
}

function actor(env: CliIo['env']): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? 'unknown';
  }
}

export async function cliContext(cmd: Command): Promise<CliContext> {
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  const io = ioOf(cmd);
  const here = (path: string | undefined) => (path ? resolve(io.cwd, path) : undefined);
  const ws = workspaceFor(resolve(io.cwd, opts.db || io.env.DUNNING_DB || 'dunning.db'), { config: here(opts.config), outbox: here(opts.outbox) });
  const out = await makeOutput(opts, io);
  let loaded: Promise<LoadedConfig> | undefined;
  const config = () => (loaded ??= import('../app/config.js').then((m) => m.loadConfig(ws.configPath)));
  return {
    opts,
    ws,
    out,
    io,
    config,
    async moment() {
      const now = new Date();
      let asOf = opts.asOf;
      if (asOf !== undefined && !isIsoDate(asOf)) throw new UsageError(`--as-of ${asOf}: not a date (use YYYY-MM-DD)`);
      // A day on or before today in UTC is never after tomorrow in any zone: no need to ask Intl
      // for the zone's day (its time-zone data takes tens of milliseconds to load).
      if (asOf !== undefined && asOf <= now.toISOString().slice(0, 10)) {
        return { asOf, stamp: { at: now.toISOString(), actor: actor(io.env) } };
      }
      const today = todayIn((await config()).config.timeZone, now);
      // A typo such as 2062 would block every later run ("before the last run"): the future is
      // only for looking (--dry-run); a day ahead is allowed for a time zone just past midnight.
      if (asOf !== undefined && asOf > addDays(today, 1) && !(opts as { dryRun?: boolean }).dryRun) {
        throw new UsageError(`--as-of ${asOf}: is after tomorrow (${addDays(today, 1)}) in ${(await config()).config.timeZone}; dates go forward only as the days do (see the future with --dry-run)`);
      }
      asOf ??= today;
      return { asOf, stamp: { at: now.toISOString(), actor: actor(io.env) } };
    },
    async openLedger(options) {
      const { openLedger } = await import('../ledger/open.js');
      // Only `import` (and `init`) create a ledger: a mistyped --db is refused, never made empty.
      return openLedger(ws.dbPath, { create: false, ...options });
    },
  };
}
