import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishDraft, partialOf, partialSuffix } from '../../src/app/outbox-files.js';
import { configure, dunning, tempDir, writeCsv } from '../helpers.js';

const DAY = '2026-03-02';

/** A ledger in its own folder whose morning run writes a reminder to each of `n` customers, into `outbox`. */
function books(prefix: string, n: number): string {
  const dir = tempDir();
  configure(dir);
  const rows = Array.from({ length: n }, (_, k) => `${prefix}-${k},${prefix}${k},${prefix.toUpperCase()} Customer ${k} Ltd,ap@${prefix}${k}.example,2026-01-01,2026-02-20,GBP,${100 + k}.00,`);
  expect(dunning(dir, ['import', writeCsv(dir, 'books.csv', rows), '--as-of', DAY, '--quiet']).code).toBe(0);
  return dir;
}

const idOf = (dir: string) => {
  const db = new Database(join(dir, 'dunning.db'), { readonly: true });
  try {
    return db.prepare('SELECT id FROM ledger_identity').pluck().get() as string;
  } finally {
    db.close();
  }
};

describe('two ledgers sharing one outbox (--outbox)', () => {
  it("never finish or remove each other's unfinished letters, and each verify judges only its own", () => {
    const outbox = join(tempDir(), 'shared-outbox');
    const a = books('a', 3);
    const b = books('b', 4);
    // B was stopped midway: one of its letters is still a .partial, its event never committed.
    mkdirSync(join(outbox, DAY), { recursive: true });
    const bInFlight = join(outbox, DAY, `0099-b-customer-reminder.eml${partialSuffix(idOf(b))}`);
    writeFileSync(bInFlight, 'From: b\r\n\r\nin flight');

    const runA = dunning(a, ['run', '--as-of', DAY, '--outbox', outbox, '--json']);
    expect(runA.code, runA.stderr).toBe(0);
    expect(JSON.parse(runA.stdout).letters).toHaveLength(3);
    expect(existsSync(bInFlight), "A's clean-up left B's unfinished letter alone").toBe(true);

    // B's own next run removes its unfinished letter (never recorded) and drafts all four.
    const runB = dunning(b, ['run', '--as-of', DAY, '--outbox', outbox, '--json']);
    expect(runB.code, runB.stderr).toBe(0);
    expect(JSON.parse(runB.stdout).letters).toHaveLength(4);
    expect(existsSync(bInFlight)).toBe(false);
    const files = readdirSync(join(outbox, DAY));
    expect(files.filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(files).toHaveLength(7);

    // Each trail sees its own letters and no "letter no event records" from the other's.
    for (const [dir, letters] of [[a, 3], [b, 4]] as const) {
      const verify = dunning(dir, ['audit', 'verify', '--outbox', outbox, '--json']);
      expect(verify.code, verify.stdout).toBe(0);
      expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, files: letters, problems: [] });
    }
  });

  it("still catches a letter of its own whose event is gone, in a shared outbox", () => {
    const outbox = join(tempDir(), 'shared-outbox');
    const a = books('a', 2);
    expect(dunning(a, ['run', '--as-of', DAY, '--outbox', outbox]).code).toBe(0);
    const [first] = readdirSync(join(outbox, DAY)).sort();
    // A copy of A's letter under a name no event records: it names A's ledger, so A reports it.
    renameSync(join(outbox, DAY, first!), join(outbox, DAY, `9999-${first!.slice(5)}`));
    const verify = dunning(a, ['audit', 'verify', '--outbox', outbox, '--json']);
    expect(verify.code).toBe(5);
    expect(JSON.parse(verify.stdout).problems.map((p: { message: string }) => p.message).join('\n')).toMatch(/9999-.* is a letter no event records/);
  });
});

describe('finishing a letter another dunning process is finishing too (run --wait behind a run)', () => {
  it('takes a letter already renamed by the other process as done, and still fails when the letter is nowhere', () => {
    const dir = tempDir();
    const partial = join(dir, '0002-acme-reminder.eml.x.partial');
    const final = join(dir, '0002-acme-reminder.eml');
    writeFileSync(partial, 'letter');
    renameSync(partial, final); // the other process got there first
    expect(() => finishDraft(partial, final)).not.toThrow();
    expect(() => finishDraft(join(dir, 'gone.partial'), join(dir, 'gone.eml'))).toThrow(/ENOENT/);
  });

  it("tells a ledger's unfinished letter from another's by the id in its name", () => {
    expect(partialOf('0002-acme-reminder.eml.0d9c1b4e-8a51-4f4e-9a55-2a8f1c3e7b10.partial')).toEqual({
      name: '0002-acme-reminder.eml',
      ledger: '0d9c1b4e-8a51-4f4e-9a55-2a8f1c3e7b10',
    });
    expect(partialOf('0002-acme-reminder.eml.partial')).toEqual({ name: '0002-acme-reminder.eml', ledger: null });
    expect(partialOf('0002-acme-reminder.eml')).toBeNull();
  });
});
