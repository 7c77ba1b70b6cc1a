import { UsageError } from '../domain/errors.js';

/**
 * Every question the desk asks, and the only module that talks to inquirer. It is imported
 * only by the interactive commands, and inquirer itself only when the first question is asked,
 * so `--help` and the cron commands never load it.
 */
type Inquirer = typeof import('@inquirer/prompts');
let inquirer: Promise<Inquirer> | undefined;
const ask = () => (inquirer ??= import('@inquirer/prompts'));

export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
}

/** Interactive commands need a person at a terminal: cron and scripts are pointed to `run`. */
export function requireTerminal(command: string, opts: { input?: boolean }, stdinIsTTY = Boolean(process.stdin.isTTY)): void {
  if (opts.input === false || !stdinIsTTY) {
    const why = opts.input === false ? '--no-input was given' : 'stdin is not a terminal';
    throw new UsageError(`\`dunning ${command}\` asks questions, and ${why}; for cron and scripts use \`dunning run\`, which drafts what today's plan proposes`);
  }
}

/** The person pressed Ctrl+C (or closed the terminal) in the middle of a question. */
export function isPromptCancelled(e: unknown): boolean {
  return e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError');
}

/** A searchable list: typing narrows it by any of the words shown. */
export async function searchList<T extends string>(message: string, choices: readonly Choice<T>[]): Promise<T> {
  const { search } = await ask();
  return search<T>({
    message,
    pageSize: 12,
    source: (term) => {
      const words = (term ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      return choices.filter((c) => words.every((w) => `${c.name} ${c.value}`.toLowerCase().includes(w)));
    },
  });
}

export async function choose<T extends string>(message: string, choices: readonly Choice<T>[], preselected?: T): Promise<T> {
  const { select } = await ask();
  return select<T>({ message, choices, default: preselected, pageSize: 12 });
}

/** One line of free text; `current` is offered for editing. */
export async function text(message: string, current = '', required = false): Promise<string> {
  const { input } = await ask();
  const answer = await input({
    message,
    default: current || undefined,
    prefill: 'editable',
    validate: (v) => !required || v.trim().length > 0 || 'please give a reason (it goes into the audit trail)',
  });
  return answer.trim();
}

/** An optional day (YYYY-MM-DD); empty for none. */
export async function optionalDate(message: string, isDate: (s: string) => boolean, notBefore: string): Promise<string | null> {
  const { input } = await ask();
  const answer = await input({
    message,
    validate: (v) => {
      const s = v.trim();
      if (s === '') return true;
      if (!isDate(s)) return 'a date as YYYY-MM-DD, or empty for no end date';
      return s >= notBefore || `a day from ${notBefore} on`;
    },
  });
  return answer.trim() || null;
}

export async function yesNo(message: string, preselected = true): Promise<boolean> {
  const { confirm } = await ask();
  return confirm({ message, default: preselected });
}
