import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { BusyError } from '../domain/errors.js';

/** Whether a process with this id is alive on this machine. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One `send` at a time per ledger: a lock file holding the sender's process id. Sending spans
 * many transactions, so the ledger's own write lock cannot cover it. A lock left by a process
 * that died (kill -9) is taken over; its letters still `sending` become `unknown`.
 */
export class SendLock {
  private constructor(private readonly path: string) {}

  static take(path: string): SendLock {
    for (let tries = 0; tries < 2; tries++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return new SendLock(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const holder = Number(readFileSync(path, 'utf8').trim());
        if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
          throw new BusyError(`another dunning send (process ${holder}) is delivering letters from this ledger; try again when it has finished`);
        }
        rmSync(path, { force: true });
      }
    }
    throw new BusyError(`another dunning send took ${path} at the same moment; try again`);
  }

  /** Whether a live `send` holds the lock now. */
  static held(path: string): boolean {
    try {
      const holder = Number(readFileSync(path, 'utf8').trim());
      return Number.isInteger(holder) && holder > 0 && alive(holder);
    } catch {
      return false;
    }
  }

  release(): void {
    rmSync(this.path, { force: true });
  }
}
