import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

// The layers of docs/architecture.md, held by the source itself: SQL only in src/ledger, no file
// too long to read, and the ledger and the pure core free of the layers above them.

/** Every .ts file under `dir`, as a path from the repository's root. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .sort();
}

const text = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** A statement prepared or run, or SQL written out: what only src/ledger may hold. */
const SQL = [
  /\.prepare\(/,
  /\.pragma\(/,
  /\.exec\(\s*['"`]/,
  /['"`]\s*(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (TABLE|INDEX|TRIGGER)|DROP (TABLE|TRIGGER))\b/,
];


function sqlLines(file: string): string[] {
  return text(file)
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => !line.startsWith('//') && !line.startsWith('*') && SQL.some((re) => re.test(line)))
    .map(({ line, n }) => `${file}:${n}: ${line}`);
}

/** The modules a file imports, as written (`../ledger/open.js`, `node:fs`, `zod`). */
function importsOf(file: string): string[] {
  return [...text(file).matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

describe('the layers', () => {
  it('keeps SQL in the ledger: nothing in src/app or src/cli prepares, runs or spells out a statement', () => {
    const found = [...sources('src/app'), ...sources('src/cli')].flatMap(sqlLines);
    expect(found).toEqual([]);
  });

  it('keeps every file in src/ under 400 lines', () => {
    const long = sources('src')
      .map((f) => ({ f, lines: text(f).split('\n').length }))
      .filter(({ lines }) => lines > 400)
      .map(({ f, lines }) => `${f}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it('lets the ledger depend on the domain, not on the import that feeds it nor on the commands above it', () => {
    const upward = sources('src/ledger').flatMap((f) =>
      importsOf(f)
        .filter((m) => /^\.\.\/(import|app|cli|letters|send)\//.test(m))
        .map((m) => `${f}: ${m}`),
    );
    expect(upward).toEqual([]);
  });

  it('keeps the domain pure: no file system, no database, no clock-reading package, nothing from the layers above', () => {
    const impure = sources('src/domain').flatMap((f) =>
      importsOf(f)
        .filter((m) => m.startsWith('node:') || m === 'better-sqlite3' || m === 'luxon' || /^\.\.\//.test(m))
        .map((m) => `${f}: ${m}`),
    );
    expect(impure).toEqual([]);
  });

  it('finds the source it guards (a guard that reads nothing passes everything)', () => {
    expect(sources('src/app').length).toBeGreaterThan(10);
    expect(sources('src/ledger')).toContain(join('src', 'ledger', 'open.ts'));
    expect(sqlLines(join('src', 'ledger', 'open.ts')).length).toBeGreaterThan(0);
    expect(importsOf(join('src', 'cli', 'main.ts'))).toContain('./io.js');
  });
});
