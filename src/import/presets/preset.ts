import type { z } from 'zod';
import type { Mapping, MappingSchema } from '../mapping-schema.js';

/** A built-in mapping, recognised when every `signature` column is in a file's header. */
export interface Preset {
  /** What --format names (variants of one tool share it). */
  name: string;
  /** What --list-formats shows. */
  title: string;
  signature: string[];
  mapping: Mapping;
}

/**
 * A built-in format: its mapping as written, with the schema's defaults filled in. It is not
 * parsed with zod here, which would load zod on every import; a test holds each preset to what
 * MappingSchema.parse makes of it.
 */
export function preset(name: string, title: string, signature: string[], mapping: z.input<typeof MappingSchema>): Preset {
  return { name, title, signature, mapping: { ...mapping, kind: mapping.kind ?? 'invoices', lineItems: mapping.lineItems ?? false, statuses: mapping.statuses ?? {}, types: mapping.types ?? {} } };
}
