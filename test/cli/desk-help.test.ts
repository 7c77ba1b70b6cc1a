import { describe, expect, it } from 'vitest';
import { dunning, tempDir } from '../helpers.js';

describe('the desk commands in --help', () => {
  it.each([['draft'], ['review'], ['audit'], ['audit', 'verify'], ['handoff']])('dunning %s --help leads with examples and exits 0', (...cmd) => {
    const r = dunning(tempDir(), [...cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Examples:\n  $ ')).toBe(true);
    expect(r.stdout).toContain(`Usage: dunning ${cmd.join(' ')}`);
  });

  it('lists the desk commands in the overview', () => {
    const r = dunning(tempDir(), ['--help']);
    for (const c of ['draft', 'review', 'audit', 'handoff']) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
  });
});
