import { readFileSync } from 'node:fs';
import { UsageError } from '../domain/errors.js';
import { keyProblemLines } from '../domain/file-problems.js';
import { MappingSchema, type Mapping } from './mapping-schema.js';

/** Loads and validates a --map file; errors name the key, the value found and what is expected. */
export function loadMapping(path: string): Mapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON: ${(e as Error).message}`;
    throw new UsageError(`${path}: ${why} (the README section "Mapping file" has an example)`);
  }
  const parsed = MappingSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = keyProblemLines(path, raw, parsed.error.issues);
    throw new UsageError(`${lines.join('\n')}\n(the README section "Mapping file" lists every key; schema/mapping.schema.json is its JSON Schema)`);
  }
  return parsed.data;
}
