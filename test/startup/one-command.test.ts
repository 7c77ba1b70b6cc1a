import { describe, expect, it } from 'vitest';
import { buildProgram, commandWord } from '../../src/cli/main.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { dunning, tempDir } from '../helpers.js';

/**
 * A command line that names a command defines only that one (start-up); help and anything
 * unknown still see them all.
 */
const line = (...args: string[]) => ['node', 'dunning', ...args];
const quietIo = { stdout: () => {}, stderr: () => {}, env: {}, cwd: process.cwd(), stdinIsTTY: false, stderrIsTTY: false } as unknown as Parameters<typeof buildProgram>[0];

describe('the command a line names', () => {
  it('is the first word that is neither an option nor the value of --db, --config or --as-of', () => {
    expect(commandWord(line('status'))).toBe('status');
    expect(commandWord(line('--db', 'books/dunning.db', '--as-of', '2026-03-02', 'status', '--json'))).toBe('status');
    expect(commandWord(line('--config', 'run', 'report', 'aging'))).toBe('report');
    expect(commandWord(line('--quiet', '--db=x.db', 'pay', 'INV-1', '10.00'))).toBe('pay');
    expect(commandWord(line('--help'))).toBeUndefined();
    expect(commandWord(line('--', 'status'))).toBeUndefined();
    expect(commandWord(line())).toBeUndefined();
  });

  it('defines only that command; help, nothing or an unknown word define every one', () => {
    const names = (only?: string) => buildProgram(quietIo, only).commands.map((c) => c.name());
    expect(names('status')).toEqual(['status']);
    expect(names('release')).toEqual(['hold', 'release']);
    const all = [...new Set(COMMANDS.map(([name]) => name))];
    expect(names()).toEqual(all);
    expect(names('help')).toEqual(all);
    expect(names('staus')).toEqual(all);
  });

  it('a mistyped command is still met with the suggestion of the right one, and help still lists every command', () => {
    const dir = tempDir();
    const typo = dunning(dir, ['staus']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('status');
    const help = dunning(dir, ['--help']);
    expect(help.code).toBe(0);
    for (const name of ['init', 'import', 'run', 'send', 'status', 'report', 'audit', 'demo']) expect(help.stdout).toContain(name);
    const statusHelp = dunning(dir, ['status', '--help']);
    expect(statusHelp.code).toBe(0);
    expect(statusHelp.stdout).toContain('dunning status');
  });
});
