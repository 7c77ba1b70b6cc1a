import type { RunResult, Statement } from 'better-sqlite3';
import type { Ledger } from './open.js';

/** Rows per multi-row statement: one call into SQLite writes this many. */
export const CHUNK = 64;

/** One statement's part of a bulk insert: the rows from `from`, `n` of them, and what came of it. */
export type Chunk = { from: number; n: number } & ({ result: RunResult; error?: undefined } | { result?: undefined; error: unknown });

/**
 * Inserts rows many to a statement, the import's hot path: one statement prepared per row
 * count (a full chunk, and whatever is left at the end), its arguments refilled in place.
 * A statement SQLite refuses writes none of its rows; the caller is told, and decides.
 */
export class ManyRows<T> {
  private readonly statements = new Map<number, Statement>();
  private readonly full: unknown[];

  constructor(
    private readonly db: Ledger,
    /** `INSERT INTO t (a, b)`, without VALUES. */
    private readonly head: string,
    /** One row's values, e.g. `(?, ?, 'import')`, with `width` parameters. */
    private readonly row: string,
    private readonly width: number,
    /** Writes one item's `width` arguments from `at`. */
    private readonly fill: (item: T, args: unknown[], at: number) => void,
  ) {
    this.full = new Array<unknown>(CHUNK * width);
  }

  /** Inserts `items`, CHUNK to a statement, giving each statement's outcome in order. */
  *insert(items: T[]): Generator<Chunk> {
    for (let from = 0; from < items.length; from += CHUNK) {
      const n = Math.min(CHUNK, items.length - from);
      const args = n === CHUNK ? this.full : new Array<unknown>(n * this.width);
      for (let k = 0; k < n; k++) this.fill(items[from + k]!, args, k * this.width);
      let result: RunResult;
      try {
        result = this.statement(n).run(args);
      } catch (error) {
        yield { from, n, error };
        continue;
      }
      yield { from, n, result };
    }
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
