/**
 * A copy of `s` that shares no memory with the string it was sliced from. Cells are slices of
 * the reader's chunk of text: one kept as it is keeps its whole chunk alive.
 */
export function own<T extends string | null>(s: T): T {
  return (s === null ? null : Buffer.from(s, 'utf8').toString('utf8')) as T;
}
