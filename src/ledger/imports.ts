import type { Ledger } from './open.js';

/**
 * The files imported so far, by the SHA-256 of their bytes: the same file again changes nothing
 * and records no second import event.
 */
export class ImportedFiles {
  private readonly known;
  private readonly remember;

  constructor(db: Ledger) {
    this.known = db.prepare('SELECT 1 FROM imports WHERE sha256 = ?').pluck();
    this.remember = db.prepare('INSERT OR IGNORE INTO imports (sha256, file, event_id) VALUES (?, ?, ?)');
  }

  /** Whether a file with these bytes was imported before. */
  has(sha256: string): boolean {
    return Boolean(this.known.get(sha256));
  }

  /** Remembers a file as imported by the event `eventId`. */
  add(sha256: string, file: string, eventId: number): void {
    this.remember.run(sha256, file, eventId);
  }
}
