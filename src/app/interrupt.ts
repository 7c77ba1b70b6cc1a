/**
 * What to undo if the user presses Ctrl+C mid-command: the files written for a transaction that
 * will now never commit. The process shell (src/cli/entry.ts) runs these, then exits 130.
 */
const pending = new Set<() => void>();

/** Registers an undo step; returns the function that withdraws it once the work is done or undone. */
export function untilDone(undo: () => void): () => void {
  pending.add(undo);
  return () => pending.delete(undo);
}

/** Ctrl+C: every pending undo step runs once; one that fails does not stop the others. */
export function undoPending(): void {
  for (const undo of [...pending]) {
    pending.delete(undo);
    try {
      undo();
    } catch {
      // the next run's recovery removes what is left
    }
  }
}
