import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dunning, ROOT, tempDir } from './helpers.js';

const dir = tempDir();
const top = dunning(dir, ['--help']).stdout;
/** The commands `dunning --help` lists (help itself aside). */
const commands = [...top.slice(top.indexOf('Commands:')).matchAll(/^  ([a-z][a-z-]*)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
const helpOf = new Map(commands.map((c) => [c, dunning(dir, [c, '--help']).stdout]));

describe('the docs', () => {
  it('list the commands of the design', () => {
    for (const c of ['init', 'import', 'run', 'status', 'show', 'pay', 'hold', 'release', 'arrange', 'note', 'draft', 'review', 'audit', 'templates', 'demo']) {
      expect(commands, c).toContain(c);
    }
  });

  it.each(commands)('dunning %s --help leads with examples and describes the command', (c) => {
    const help = helpOf.get(c)!;
    expect(help.startsWith('Examples:\n  $ ')).toBe(true);
    expect(help).toMatch(new RegExp(`Usage: dunning ${c}[^\\n]*\\n\\n\\S`));
  });

  it('show in the README only commands and options that exist', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```(?:sh|cron)\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const lines = blocks.flatMap((b) => b.split('\n')).filter((l) => /(^|\s)(npx )?dunning [a-z]/.test(l));
    expect(lines.length).toBeGreaterThan(5);
    const globals = dunning(dir, ['--help']).stdout;
    for (const line of lines) {
      const words = line.slice(line.search(/dunning [a-z]/)).split('#')[0]!.trim().split(/\s+/);
      const command = words[1]!;
      expect(commands, line).toContain(command);
      const help = helpOf.get(command)! + globals + (words[2] && !words[2].startsWith('-') ? dunning(dir, [command, words[2], '--help']).stdout : '');
      for (const flag of words.filter((w) => w.startsWith('--'))) {
        expect(help, `${line}: ${flag}`).toContain(flag.split('=')[0]);
      }
    }
  });

  it('start with what dunning does and the two commands a new user types', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.slice(0, 1500);
    expect(start).toContain('npm install && npx dunning demo');
    expect(start).toContain('npm test');
    for (const section of ['cron', 'Config', 'Exit codes', 'audit trail', 'templates']) expect(readme, section).toMatch(new RegExp(section, 'i'));
  });
});
