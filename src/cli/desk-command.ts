import type { Command } from 'commander';
import { cliContext } from './context.js';
import type { DeskSession } from './draft-flow.js';

/**
 * How an interactive desk command starts and ends: refuse without a terminal (exit 2, pointing to
 * `run`), open the ledger, and treat Ctrl+C at any question as a cancel that wrote nothing.
 */
export async function runDesk<T>(
  cmd: Command,
  name: string,
  opts: { input?: boolean; yes?: boolean },
  work: (session: DeskSession) => Promise<T>,
): Promise<T | null> {
  const ctx = await cliContext(cmd);
  const prompts = await import('./prompts.js');
  prompts.requireTerminal(name, opts, ctx.io.stdinIsTTY);
  const loaded = await ctx.config();
  // Before any question: the letters this session may write need a real business and sound templates.
  (await import('../app/templates.js')).refuseUnfitLetters(ctx.ws, loaded);
  const moment = await ctx.moment();
  const db = await ctx.openLedger({ create: false });
  try {
    const result = await work({ db, ws: ctx.ws, loaded, moment, out: ctx.out, yes: Boolean(opts.yes) });
    if (ctx.out.json && result !== null) ctx.out.printJson(result);
    return result;
  } catch (e) {
    if (!prompts.isPromptCancelled(e)) throw e;
    ctx.out.info('\nCancelled: nothing was written.');
    return null;
  } finally {
    db.close();
  }
}
