import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';

export function defineBackup(program: Command): void {
  program
    .command('backup')
    .description('an online, verified copy of the ledger (safe while other commands run)')
    .argument('[file]', 'where the copy goes: a file, or a folder (default: dunning.db.<as-of day>.backup beside the ledger)')
    .addHelpText(
      'before',
      examples([
        ['dunning backup', 'a copy beside the ledger, named by the day'],
        ['dunning backup /media/usb/', 'into a folder on another disk'],
        ['dunning backup ~/safe/books-march.db --json', 'a file named by you; the report for scripts'],
      ]),
    )
    .action(async (file: string | undefined, _opts: unknown, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { backupLedger, backupTarget } = await import('../../app/backup.js');
      const { resolve } = await import('node:path');
      const moment = await ctx.moment();
      const target = backupTarget(ctx.ws, moment.asOf, file === undefined ? undefined : resolve(ctx.io.cwd, file));
      const db = await ctx.openLedger();
      try {
        const report = await backupLedger(db, target);
        if (ctx.out.json) ctx.out.printJson(report);
        else {
          ctx.out.data(report.file);
          ctx.out.info(`Backed up the ledger to ${report.file}: ${report.events} event${report.events === 1 ? '' : 's'} in its audit trail, checked whole. To restore it, see "When things go wrong" in the README.`);
        }
      } finally {
        db.close();
      }
    });
}
