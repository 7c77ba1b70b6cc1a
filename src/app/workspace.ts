import { dirname, join, resolve } from 'node:path';
import type { IsoDate } from '../domain/dates.js';
import type { Stamp } from '../ledger/events.js';

/** Where a ledger's files live: the config, the user's templates and the outbox sit beside it. */
export interface Workspace {
  dbPath: string;
  dir: string;
  configPath: string;
  templatesDir: string;
  outboxDir: string;
}

export function workspaceFor(dbPath: string, overrides: { config?: string; outbox?: string } = {}): Workspace {
  const db = resolve(dbPath);
  const dir = dirname(db);
  return {
    dbPath: db,
    dir,
    configPath: overrides.config ? resolve(overrides.config) : join(dir, 'dunning.config.json'),
    templatesDir: join(dir, 'templates'),
    outboxDir: overrides.outbox ? resolve(overrides.outbox) : join(dir, 'outbox'),
  };
}

/** What a command knows of the moment it runs, handed down from the CLI. */
export interface Moment {
  asOf: IsoDate;
  stamp: Stamp;
}
