import type { Command } from 'commander';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../../domain/errors.js';
import { cliContext } from '../context.js';
import { examples } from '../help.js';

export function defineInit(program: Command): void {
  program
    .command('init')
    .description('create what a workspace lacks: dunning.config.json, editable templates and the ledger (never overwrites)')
    .argument('[dir]', 'folder to set up (default: the folder of --db, else here)')
    .addHelpText(
      'before',
      examples([
        ['dunning init', 'set up in the current folder (beside a ledger made by import, adds the config and templates)'],
        ['dunning init ~/books', 'set up in ~/books'],
        ['dunning init --db ~/books/acme.db', 'the ledger named acme.db, its config and templates beside it'],
      ]),
    )
    .action(async (dirArg: string | undefined, _opts: unknown, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { env, cwd } = ctx.io;
      const given = ctx.opts.db || env.DUNNING_DB;
      const db = given ? resolve(cwd, given) : null;
      // The config and templates always sit beside the ledger: that is where commands look.
      if (db && dirArg && resolve(cwd, dirArg) !== dirname(db)) {
        throw new UsageError(`init ${dirArg} --db ${given}: the config and templates sit beside the ledger (give the folder or --db, not both)`);
      }
      const dir = dirArg ? resolve(cwd, dirArg) : db ? dirname(db) : cwd;
      const { initWorkspace } = await import('../../app/init.js');
      const found = { lang: env.LANG, tz: env.TZ, systemTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
      const report = await initWorkspace(dir, found, db ?? join(dir, 'dunning.db'));
      if (ctx.out.json) return ctx.out.printJson(report);
      for (const f of report.created) ctx.out.data(f);
      if (report.kept.length > 0) ctx.out.info(`Kept as they were: ${report.kept.join(', ')}.`);
      if (report.locale && report.timeZone) {
        ctx.out.info(`Letters in ${report.locale.value} (from ${report.locale.from}), "today" in ${report.timeZone.value} (from ${report.timeZone.from}); change "locale" and "timeZone" in dunning.config.json if need be.`);
        ctx.out.info('Next: fill in "business" in dunning.config.json (run refuses to write letters until you do), then `dunning import your-export.csv`.');
      }
    });
}
