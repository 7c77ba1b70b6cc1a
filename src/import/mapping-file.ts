import { existsSync, readFileSync } from 'node:fs';
import { InputError, UsageError } from '../domain/errors.js';
import { keyProblemLines } from '../domain/file-problems.js';
import { MappingSchema, type Mapping } from './mapping-schema.js';
import { sourceSize } from './source-file.js';

/** Loads and validates a --map file; errors name the key, the value found and what is expected. */
export function loadMapping(path: string): Mapping {
  if (!existsSync(path)) throw new UsageError(`${path}: no such file (the README section "Mapping file" has an example)`);
  let text: string;
  try {
    // A directory, a pipe or a device is refused before reading (a pipe would wait for ever).
    sourceSize(path, path, 'mapping file');
    text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON: ${(e as Error).message} (the README section "Mapping file" has an example)`);
  }
  const parsed = MappingSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = keyProblemLines(path, raw, parsed.error.issues);
    throw new UsageError(`${lines.join('\n')}\n(the README section "Mapping file" lists every key; schema/mapping.schema.json is its JSON Schema)`);
  }
  return parsed.data;
}
