import { MappingSchema, type Mapping } from '../mapping-schema.js';

/** A built-in mapping, recognised when every `signature` column is in a file's header. */
export interface Preset {
  /** What --format names (variants of one tool share it). */
  name: string;
  /** What --list-formats shows. */
  title: string;
  signature: string[];
  mapping: Mapping;
}

export function preset(name: string, title: string, signature: string[], mapping: unknown): Preset {
  return { name, title, signature, mapping: MappingSchema.parse(mapping) };
}
