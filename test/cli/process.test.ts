import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, configure, dunning, dunningProcess, tempDir, writeCsv } from '../helpers.js';

// What only a real process shows: the exit status the shell sees, and bin/dunning.cjs's own
// wiring (src/cli/entry.ts). Every other CLI test calls main() in process (test/helpers.ts).
describe('dunning as a process', () => {
  it('exits 0 with the version, 2 on an unknown option, 2 without a ledger', () => {
    const dir = tempDir();
    const version = dunningProcess(dir, ['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const unknown = dunningProcess(dir, ['status', '--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("dunning: unknown option '--colour'");
    const noLedger = dunningProcess(dir, ['status', '--as-of', '2026-03-02']);
    expect(noLedger.code).toBe(2);
    expect(noLedger.stderr).toMatch(/^dunning: .*no ledger here/);
  });

  it('exits 3 on a bad row, naming file, line and column, with no stack trace', () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'invoices.csv', ['A-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-02-30,GBP,10.00,']);
    const r = dunningProcess(dir, ['import', 'invoices.csv', '--as-of', '2026-03-02']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('invoices.csv:2: due_date:');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(file).toContain(dir);
  });

  it('stops quietly with exit 0 when the reader of its output goes away (`dunning status --json | head -1`)', () => {
    const dir = tempDir();
    configure(dir);
    const rows = Array.from({ length: 1000 }, (_, i) => `A-${i},c${i},Customer ${i},c${i}@example.com,2026-01-01,2026-02-01,GBP,10.00,`);
    writeCsv(dir, 'invoices.csv', rows);
    // The ledger and the size of the output are set up in process; only the pipe needs a process.
    expect(dunning(dir, ['import', 'invoices.csv', '--as-of', '2026-03-02']).code).toBe(0);
    const all = dunning(dir, ['status', '--as-of', '2026-03-02', '--json']).stdout;
    expect(all.length).toBeGreaterThan(128 << 10); // more than a pipe holds: head leaves most of it unread
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" status --as-of 2026-03-02 --json | head -1`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('{\n');
    expect(r.stderr).toBe('');
  });
});
