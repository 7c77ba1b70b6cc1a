import type { Command } from 'commander';

/**
 * What a run of the CLI talks to: its two output streams, whether a person sits at stdin and
 * stderr, its environment and working folder. The process's own in src/cli/entry.ts; a test's
 * own when it calls main() in process (test/helpers.ts).
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly stdinIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths are read from: --db, --config and --outbox resolve against it. */
  readonly cwd: string;
}

/** The running process's streams, environment and folder; TTY-ness asked only when wanted. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    get stdinIsTTY() {
      return Boolean(process.stdin.isTTY);
    },
    get stderrIsTTY() {
      return Boolean(process.stderr.isTTY);
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Each program's io, set by buildProgram, so a command's action can find it from its Command. */
const ioOfProgram = new WeakMap<Command, CliIo>();

export function attachIo(program: Command, io: CliIo): void {
  ioOfProgram.set(program, io);
}

/** The io of the program a command belongs to: the process's when none was attached. */
export function ioOf(cmd: Command): CliIo {
  let root = cmd;
  while (root.parent) root = root.parent;
  return ioOfProgram.get(root) ?? processIo();
}
