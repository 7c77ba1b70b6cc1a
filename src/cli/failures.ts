import { isDamage } from '../ledger/integrity.js';
import { isBusy } from '../ledger/transaction.js';

/** What the CLI says about a failure that is not a DunningError, and its exit code. */
export interface Failure {
  exitCode: number;
  message: string;
}

interface SystemError {
  code?: unknown;
  path?: unknown;
  dest?: unknown;
  message: string;
}

const codeOf = (e: SystemError) => String(e.code ?? '');
const pathOf = (e: SystemError) => (typeof e.path === 'string' ? e.path : null);

/**
 * The conditions a user can meet and mend (issue 19, item 5): one line of what happened and
 * what to do, never a stack trace. Anything else is a bug: `unexpectedFailure`.
 */
export function knownFailure(e: unknown): Failure | null {
  if (!(e instanceof Error)) return null;
  const err = e as SystemError;
  const code = codeOf(err);
  const at = pathOf(err) ? `${pathOf(err)}: ` : '';
  const unchanged = 'whatever was not finished was not recorded';
  if (isBusy(e)) {
    return { exitCode: 4, message: 'the ledger is busy with another dunning command (a large import?); try again when it has finished' };
  }
  if (isDamage(e)) {
    return { exitCode: 1, message: `the ledger is damaged (${e.message}); restore from a backup (see "When things go wrong" in the README)` };
  }
  if (code === 'ENOSPC' || code.startsWith('SQLITE_FULL') || code === 'EDQUOT') {
    return { exitCode: 1, message: `${at}the disk is full; ${unchanged}. Free some space and run the command again` };
  }
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) {
    return { exitCode: 1, message: `${at}cannot write here: the file or its disk is read-only; ${unchanged}. Make it writable, or pass --db/--outbox to a writable place` };
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return { exitCode: 1, message: `${at}permission denied; ${unchanged}. Check the owner and permissions of the file and its folder` };
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return { exitCode: 1, message: `cannot open the ledger (${e.message}); check that its folder exists and that you may write to it` };
  }
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_') || code === 'EIO') {
    return { exitCode: 1, message: `${at}the disk would not read or write (${e.message}); ${unchanged}. Check the disk, then run the command again` };
  }
  if (code === 'EISDIR' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'ENOTEMPTY') {
    const kind = code === 'EISDIR' ? 'is a folder where a file was expected' : code === 'ENOTDIR' ? 'is a file where a folder was expected' : 'is already there';
    return { exitCode: 2, message: `${at}${kind}; ${unchanged}. Pass a path of the right kind (--db FILE, --outbox FOLDER, --to FOLDER)` };
  }
  if (code === 'EMFILE' || code === 'ENFILE') {
    return { exitCode: 1, message: `too many open files; ${unchanged}. Close other programs, or raise the limit (ulimit -n), and run the command again` };
  }
  return null;
}

/** A bug: said as such, with the stack only when DUNNING_DEBUG=1 asks for it. */
export function unexpectedFailure(e: unknown, debug: boolean): Failure {
  const detail = e instanceof Error ? (debug ? (e.stack ?? e.message) : e.message) : String(e);
  const hint = debug ? '' : ' (run again with DUNNING_DEBUG=1 for the details, and please report it)';
  return { exitCode: 1, message: `unexpected failure: ${detail}${hint}` };
}
