import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { DunningError, InputError } from '../domain/errors.js';
import { COMMANDS } from './commands/index.js';
import { knownFailure, unexpectedFailure } from './failures.js';
import { examples } from './help.js';
import { attachIo, processIo, type CliIo } from './io.js';

/** dunning's version, from its package.json: two folders above src/cli/, dist/cli/ and dist/cjs/ alike. */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The thin shell: commander parses, each command's module does its work, and this is the one
 * place that turns an outcome into an exit code (DESIGN.md: 0 done, 1 unexpected, 2 usage,
 * 3 bad input, 4 busy, 5 check failed).
 */
export function buildProgram(io: CliIo = processIo(), only?: string): Command {
  const program = new Command('dunning')
    .description('Get paid without losing your customers: polite, escalating reminders from your invoice exports.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--db <path>', 'the ledger file (default: ./dunning.db, or $DUNNING_DB)')
    .option('--config <path>', 'the config file (default: dunning.config.json beside the ledger)')
    .option('--json', 'print machine-readable JSON on stdout')
    .option('-q, --quiet', 'print nothing but data and errors')
    .option('--no-color', 'no colour (NO_COLOR is respected too)')
    .addOption(new Option('--as-of <date>', 'the day to act as (YYYY-MM-DD; default: today in the configured time zone)'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      // One style for every error, commander's own included: "dunning: unknown option '--x'".
      outputError: (s, write) => write(s.replace(/^error: /, 'dunning: ')),
    })
    .addHelpText(
      'before',
      examples([
        ['npx dunning demo', 'see the whole thing work on example data'],
        ['dunning import invoices.csv', 'load your invoice export into the ledger'],
        ['dunning run', "draft today's letters into outbox/"],
        ['dunning status', 'who owes what, and what run would do next'],
      ]),
    );
  // One command's definition when the line names one (start-up: defining all thirty is ~20 ms);
  // every command for --help, `help`, or a word that is none of them (commander suggests one).
  const defines = new Set(COMMANDS.filter(([name]) => only === undefined || name === only).map(([, define]) => define));
  for (const define of defines.size > 0 ? defines : new Set(COMMANDS.map(([, define]) => define))) define(program);
  for (const cmd of program.commands) cmd.exitOverride();
  attachIo(program, io);
  return program;
}

/** The options before the command that take a value, so their value is not taken for the command. */
const VALUED = new Set(['--db', '--config', '--as-of']);

/** The command a line names (`dunning --db x status --json` names status); undefined for none. */
export function commandWord(argv: string[]): string | undefined {
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return undefined;
    if (VALUED.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** Runs one command line (`argv` as process.argv: node, script, then the arguments) and gives its exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io, commandWord(argv));
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof DunningError) {
      const json = argv.includes('--json');
      if (e instanceof InputError) {
        for (const p of e.problems) io.stderr(`${p.file}:${p.line}: ${p.column}: ${p.message}\n`);
      }
      if (!json || !(e instanceof InputError)) io.stderr(`dunning: ${e.message}\n`);
      return e.exitCode;
    }
    // Known conditions (busy, disk full, read-only, permission, damage, a path of the wrong kind) in one line; the rest are bugs.
    const failure = knownFailure(e) ?? unexpectedFailure(e, io.env.DUNNING_DEBUG === '1');
    io.stderr(`dunning: ${failure.message}\n`);
    return failure.exitCode;
  }
}
