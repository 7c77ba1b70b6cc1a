import type { RunResult, Statement } from 'better-sqlite3';
import type { Ledger } from './open.js';

/** Rows per multi-row statement: one call into SQLite writes this many. */
export const CHUNK = 64;

/** One statement's part of a bulk insert: the rows from `from`, `n` of them, and what SQLite made of them. */
export type Chunk = { from: number; n: number; result: RunResult };

/**
 * Inserts rows many to a statement, the import's hot path: one statement prepared per row
 * count (a full chunk, and whatever is left at the end), its arguments refilled in place.
 *
 * The head names its conflict clause, `INSERT OR IGNORE` or `INSERT OR FAIL`, never a plain
 * INSERT: a statement of many rows that may abort makes SQLite first copy aside every page it
 * is about to change, to undo just that statement. Past 64 KB a statement's copies go to a
 * temporary file, which then takes every later statement's copies too; a million-row import
 * wrote 1.2 GB there. IGNORE skips a row a constraint refuses (the caller compares
 * `result.changes` with `n`), FAIL stops at it and throws (the import then rolls back).
 */
export class ManyRows<T> {
  private readonly statements = new Map<number, Statement>();
  private readonly full: unknown[];

  constructor(
    private readonly db: Ledger,
    /** `INSERT OR IGNORE INTO t (a, b)`, without VALUES. */
    private readonly head: string,
    /** One row's values, e.g. `(?, ?, 'import')`, with `width` parameters. */
    private readonly row: string,
    private readonly width: number,
    /** Writes one item's `width` arguments from `at`. */
    private readonly fill: (item: T, args: unknown[], at: number) => void,
  ) {
    if (!/^INSERT OR (IGNORE|FAIL) /.test(head)) throw new Error(`ManyRows needs INSERT OR IGNORE or INSERT OR FAIL, not: ${head}`);
    this.full = new Array<unknown>(CHUNK * width);
  }

  /** Inserts `items`, CHUNK to a statement, giving each statement's outcome in order. */
  *insert(items: T[]): Generator<Chunk> {
    for (let from = 0; from < items.length; from += CHUNK) {
      const n = Math.min(CHUNK, items.length - from);
      const args = n === CHUNK ? this.full : new Array<unknown>(n * this.width);
      for (let k = 0; k < n; k++) this.fill(items[from + k]!, args, k * this.width);
      yield { from, n, result: this.statement(n).run(args) };
    }
  }

  /** Inserts them all, for rows no constraint refuses (with FAIL, one that does throws). */
  insertAll(items: T[]): void {
    for (const c of this.insert(items)) void c;
  }

  private statement(n: number): Statement {
    let statement = this.statements.get(n);
    if (!statement) {
      statement = this.db.prepare(`${this.head} VALUES ${Array<string>(n).fill(this.row).join(', ')}`);
      this.statements.set(n, statement);
    }
    return statement;
  }
}
