import { writeFileSync } from 'node:fs';

/** A rejected row (or the rows of one rejected invoice) and why. */
export interface Reject {
  raw: string[];
  reason: string;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Where --skip-invalid puts a file's rejected rows. */
export const rejectsPath = (file: string): string => `${file}.rejects.csv`;

/**
 * Writes the rejected rows exactly as they were, each with a `reason` cell appended, under the
 * file's own header: fix the rows and import the rejects file itself.
 */
export function writeRejects(file: string, headerRaw: string, delimiter: string, rejects: Reject[]): string {
  const path = rejectsPath(file);
  const lines = [`${headerRaw}${delimiter}reason`];
  for (const r of rejects) for (const raw of r.raw) lines.push(`${raw}${delimiter}${quote(r.reason)}`);
  writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600 }); // rows of customer data: owner-only
  return path;
}
