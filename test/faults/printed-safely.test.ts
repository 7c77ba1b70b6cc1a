import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { table, TABLE_WIDTH } from '../../src/cli/output.js';
import { escapeControls, escapeForTerminal } from '../../src/cli/safe-text.js';
import { shellQuote } from '../../src/domain/shell-quote.js';
import { configure, dunning, ROOT, tempDir, writeCsv } from '../helpers.js';

const DAY = '2026-03-02';
const ESC = '\u001b';
// Clears the screen, retitles the window, and reverses the rest of the line.
const HOSTILE_NAME = `Evil ${ESC}[2J${ESC}]0;pwned\u0007Ltd\u202egnp.exe`;

describe('customer data on a terminal', () => {
  it('status, show, run and audit print a name full of terminal escapes with every control shown escaped, none obeyed', () => {
    const dir = tempDir();
    configure(dir);
    const csv = writeCsv(dir, 'evil.csv', [`E-1,evil,"${HOSTILE_NAME}",ap@evil.example,2026-01-01,2026-02-20,GBP,100.00,`]);
    expect(dunning(dir, ['import', csv, '--as-of', DAY, '--quiet']).code).toBe(0);
    // run and audit name customers by id; status and show print the name itself.
    for (const [args, showsName] of [[['status'], true], [['show', 'evil'], true], [['run'], false], [['audit'], false]] as const) {
      const r = dunning(dir, [...args, '--as-of', DAY]);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(0);
      const printed = r.stdout + r.stderr;
      expect(printed, args[0]).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(printed.includes('Evil \\e[2J\\e]0;pwned\\u{7}Ltd\\u{202e}gnp.exe'), args[0]).toBe(showsName);
    }
  });

  it('escapes every C0 and C1 control and direction override, and keeps line breaks in talk', () => {
    expect(escapeControls(`a${ESC}[31mb\nc\u202e`)).toBe('a\\e[31mb\\nc\\u{202e}');
    expect(escapeForTerminal(`line one\nline ${ESC}]0;x\u0007two\r\n`)).toBe('line one\nline \\e]0;x\\u{7}two\r\n');
    // chalk's own colours survive when colour is on; a bare carriage return never does.
    expect(escapeForTerminal(`${ESC}[33mwarning:${ESC}[39m over\rwrite`, true)).toBe(`${ESC}[33mwarning:${ESC}[39m over\\rwrite`);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(escapeControls(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { seed: 19, numRuns: 500 },
    );
  });
});

describe('tables', () => {
  it('never print a line wider than the cap: the widest cells are cut with "…", short columns stay whole', () => {
    const long = 'Northwind Traders International Holdings '.repeat(11); // 451 characters
    const text = table([
      ['customer', 'name', 'open'],
      ['northwind', long, '1200.00 GBP'],
      ['acme', 'Acme Ltd', '9.99 GBP'],
    ]);
    const lines = text.split('\n');
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(TABLE_WIDTH);
    expect(lines[1]).toMatch(/^northwind  Northwind Traders .*…  1200\.00 GBP$/);
    expect(lines[2]).toMatch(/^acme       Acme Ltd +9\.99 GBP$/);
  });

  it('status of a customer with a 450-character name stays within the cap', () => {
    const dir = tempDir();
    configure(dir);
    const name = 'Very Long Name Ltd '.repeat(24).trim();
    const csv = writeCsv(dir, 'long.csv', [`L-1,long,"${name}",ap@long.example,2026-01-01,2026-02-20,GBP,100.00,`]);
    expect(dunning(dir, ['import', csv, '--as-of', DAY, '--quiet']).code).toBe(0);
    const r = dunning(dir, ['status', '--as-of', DAY]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Very Long Name Ltd');
    for (const l of r.stdout.split('\n')) expect([...l].length).toBeLessThanOrEqual(TABLE_WIDTH);
  });
});

describe('commands dunning suggests', () => {
  it('are read back by a real shell as the very words dunning meant, whatever the customer id holds', () => {
    const echo = (word: string) => execFileSync('sh', ['-c', `printf '%s' ${shellQuote(word)}`], { encoding: 'utf8' });
    for (const id of ['acme', 'acme;touch pwned', "o'brien & sons", '$(touch pwned)', '`id`', '-rf *', 'a\nb']) expect(echo(id)).toBe(id);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('\u0000')), (id) => {
        expect(echo(id)).toBe(id);
      }),
      { seed: 13, numRuns: 60 },
    );
  });

  it('a payment plan hint names a hostile customer id quoted, so pasting it runs nothing', () => {
    const dir = tempDir();
    configure(dir);
    const id = 'acme;touch pwned';
    const csv = writeCsv(dir, 'plan.csv', [`P-1,"${id}",Acme Ltd,ap@acme.example,2026-01-01,2026-02-20,GBP,100.00,`]);
    expect(dunning(dir, ['import', csv, '--as-of', DAY, '--quiet']).code).toBe(0);
    const plan = ['arrange', id, '--installments', '2', '--start', '2026-03-09', '--no-letter', '--as-of', DAY];
    expect(dunning(dir, plan).code).toBe(0);
    const again = dunning(dir, plan);
    expect(again.code).toBe(2);
    const hint = /`(dunning arrange [^`]+)`/.exec(again.stderr)?.[1];
    expect(hint).toBe(`dunning arrange 'acme;touch pwned' --cancel`);
    const words = execFileSync('sh', ['-c', `set -- ${hint!.slice('dunning '.length)}; printf '%s\\n' "$@"`], { cwd: dir, encoding: 'utf8' });
    expect(words).toBe(`arrange\n${id}\n--cancel\n`);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });
});

describe('a payment dated before its invoice', () => {
  it('is refused with exit 2 and nothing recorded', () => {
    const dir = tempDir();
    configure(dir);
    const csv = writeCsv(dir, 'one.csv', ['A-1,acme,Acme Ltd,ap@acme.example,2026-01-10,2026-02-09,GBP,100.00,']);
    expect(dunning(dir, ['import', csv, '--as-of', DAY, '--quiet']).code).toBe(0);
    const r = dunning(dir, ['pay', 'A-1', '50.00', '--date', '2026-01-09', '--as-of', DAY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--date 2026-01-09 is before A-1 was issued \(2026-01-10\)/);
    const ok = dunning(dir, ['pay', 'A-1', '50.00', '--date', '2026-01-10', '--as-of', DAY, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).balance.amount).toBe('50.00');
  });
});

describe('handoff --to DIR when DIR.partial is there', () => {
  it('refuses, saying what to do, and leaves DIR.partial and what is in it alone', () => {
    const dir = tempDir();
    configure(dir);
    expect(dunning(dir, ['import', join(ROOT, 'examples', 'invoices.csv'), '--as-of', DAY, '--quiet']).code).toBe(0);
    const to = join(tempDir(), 'for-the-agency');
    mkdirSync(`${to}.partial`);
    writeFileSync(join(`${to}.partial`, 'my-notes.txt'), 'mine');
    const r = dunning(dir, ['handoff', 'kestrel-events', '--to', to, '--force', '--as-of', DAY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/for-the-agency\.partial already exists .*remove it or choose another --to DIR/);
    expect(readFileSync(join(`${to}.partial`, 'my-notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('files under umask 000', () => {
  it('init, import --skip-invalid, run and handoff make nothing anyone else can read', () => {
    const root = tempDir();
    const ws = join(root, 'books');
    // umask is the process's, so the commands run in process (the CLI thread shares it) under umask 000.
    const previous = process.umask(0o000);
    try {
      expect(dunning(root, ['init', ws]).code).toBe(0);
      configure(ws);
      const csv = writeCsv(ws, 'mixed.csv', ['A-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-02-20,GBP,100.00,', 'A-2,acme,Acme Ltd,ap@acme.example,not-a-date,2026-02-20,GBP,1.00,']);
      expect(dunning(ws, ['import', csv, '--skip-invalid', '--as-of', DAY, '--quiet']).code).toBe(0);
      expect(dunning(ws, ['run', '--as-of', DAY, '--quiet']).code).toBe(0);
      expect(dunning(ws, ['handoff', 'acme', '--to', join(ws, 'agency'), '--force', '--as-of', DAY]).code).toBe(0);
    } finally {
      process.umask(previous);
    }
    const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
    expect(mode(ws)).toBe('700');
    for (const f of ['dunning.config.json', 'dunning.db', 'mixed.csv.rejects.csv']) expect(mode(join(ws, f)), f).toBe('600');
    expect(mode(join(ws, 'outbox'))).toBe('700');
    for (const f of readdirSync(join(ws, 'outbox', DAY))) expect(mode(join(ws, 'outbox', DAY, f)), f).toBe('600');
    expect(mode(join(ws, 'agency'))).toBe('700');
    for (const f of readdirSync(join(ws, 'agency'))) if (f !== 'letters') expect(mode(join(ws, 'agency', f)), f).toBe('600');
  });
});
