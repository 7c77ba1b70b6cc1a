import type { Field, Mapping } from './mapping-schema.js';
import type { Preset } from './presets/index.js';

/** Header cells compare without case, spacing or Xero's leading `*` (a required-column mark). */
export const normalizeHeader = (h: string): string => h.trim().replace(/^\*/, '').trim().toLowerCase().replace(/\s+/g, ' ');

/** Status and type values compare without case, spaces, dashes or underscores. */
export const normalizeWord = (v: string): string => v.trim().toLowerCase().replace(/[\s_-]+/g, '');

export type ColumnIndex = Partial<Record<Field, number>>;

/** Where each mapped field is in the header; the first of a field's alternatives found wins. */
export function resolveColumns(mapping: Mapping, header: string[]): ColumnIndex {
  const at = new Map<string, number>();
  header.forEach((h, i) => {
    const n = normalizeHeader(h);
    if (n && !at.has(n)) at.set(n, i);
  });
  const index: ColumnIndex = {};
  for (const [field, names] of Object.entries(mapping.columns) as [Field, string | string[] | undefined][]) {
    if (names === undefined) continue;
    for (const name of Array.isArray(names) ? names : [names]) {
      const i = at.get(normalizeHeader(name));
      if (i !== undefined) {
        index[field] = i;
        break;
      }
    }
  }
  return index;
}

/** Fields a mapping needs found in the header, each as "field (column)" for messages. */
export function missingColumns(mapping: Mapping, index: ColumnIndex): string[] {
  const need: (Field | Field[])[] =
    mapping.kind === 'payments'
      ? ['invoice_number', 'amount', 'paid_on']
      : ['invoice_number', 'issue_date', ...(mapping.customerInSections ? [] : [['customer_name', 'customer_id'] as Field[]]), mapping.lineItems ? ['amount', 'line_amount'] : 'amount'];
  const missing: string[] = [];
  for (const n of need) {
    const alts = Array.isArray(n) ? n : [n];
    if (alts.some((f) => index[f] !== undefined)) continue;
    missing.push(
      alts
        .map((f) => {
          const c = mapping.columns[f];
          return c === undefined ? f : `${f} (${[c].flat().map((x) => `"${x}"`).join(' or ')})`;
        })
        .join(' or '),
    );
  }
  return missing;
}

/** The header is among a file's first rows: title rows above it are skipped, whatever they hold. */
export const HEADER_WITHIN = 20;

export interface HeaderMatch {
  preset: Preset;
  /** Index of the header among the rows given. */
  row: number;
}

/**
 * Finds the header among a file's first rows (exports put titles and blank lines before it)
 * and the preset it belongs to: the one with the most signature columns present, so a richer
 * format is not mistaken for a poorer one whose columns it also has.
 */
export function matchHeader(rows: string[][], presets: Preset[]): HeaderMatch | null {
  for (let r = 0; r < Math.min(rows.length, HEADER_WITHIN); r++) {
    const cells = new Set(rows[r]!.map(normalizeHeader));
    let best: Preset | null = null;
    for (const p of presets) {
      if (!p.signature.every((s) => cells.has(normalizeHeader(s)))) continue;
      if (missingColumns(p.mapping, resolveColumns(p.mapping, rows[r]!)).length > 0) continue;
      if (!best || p.signature.length > best.signature.length) best = p;
    }
    if (best) return { preset: best, row: r };
  }
  return null;
}

/**
 * The row most likely meant as the header, for a message: the first with three cells filled (a
 * title such as `As of March 1, 2026` fills two at most), else the fullest of the first rows.
 */
export function likelyHeader(rows: string[][]): { row: number; cells: string[] } | null {
  const filled = (r: string[]) => r.filter((c) => c.trim() !== '').length;
  const first = rows.slice(0, HEADER_WITHIN);
  let row = first.findIndex((r) => filled(r) >= 3);
  if (row < 0) row = first.reduce((best, r, i) => (filled(r) > (best < 0 ? 0 : filled(first[best]!)) ? i : best), -1);
  return row < 0 ? null : { row, cells: rows[row]! };
}

/** A column the mapping reads that the header names twice (which one is meant?), said as a problem. */
export function duplicateColumns(mapping: Mapping, header: string[]): string | null {
  for (const i of new Set(Object.values(resolveColumns(mapping, header)))) {
    const name = normalizeHeader(header[i]!);
    const again = header.findIndex((h, j) => j !== i && normalizeHeader(h) === name);
    if (again !== -1) {
      const [a, b] = [Math.min(i, again) + 1, Math.max(i, again) + 1];
      return `the header has "${header[i]!.trim()}" twice (columns ${a} and ${b}: delete or rename one, so that it is clear which is meant)`;
    }
  }
  return null;
}
