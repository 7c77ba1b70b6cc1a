/**
 * Named errors carry their exit code; the CLI maps them in one place (src/cli/main.ts).
 * Exit codes are part of the contract (DESIGN.md): 2 usage, 3 bad input, 4 busy, 5 check failed.
 */
export class DunningError extends Error {
  readonly exitCode: number = 1;
}

/** Something the user typed is wrong: a flag, an argument, the config. */
export class UsageError extends DunningError {
  override readonly exitCode = 2;
}

/** One problem with one place in an input file. */
export interface InputProblem {
  file: string;
  line: number;
  column: string;
  message: string;
}

export function formatProblem(p: InputProblem): string {
  return `${p.file}:${p.line}: ${p.column}: ${p.message}`;
}

/** The input data is bad; nothing was written. */
export class InputError extends DunningError {
  override readonly exitCode = 3;
  constructor(
    message: string,
    readonly problems: InputProblem[] = [],
  ) {
    super(message);
  }
}

/** Another run holds the ledger. */
export class BusyError extends DunningError {
  override readonly exitCode = 4;
}

/** A check (audit verify, templates check) found problems. */
export class CheckFailed extends DunningError {
  override readonly exitCode = 5;
}
