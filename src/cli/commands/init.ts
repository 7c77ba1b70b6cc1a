import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';

export function defineInit(program: Command): void {
  program
    .command('init')
    .description('create dunning.config.json, editable templates and the ledger (never overwrites)')
    .argument('[dir]', 'folder to set up', '.')
    .addHelpText(
      'before',
      examples([
        ['dunning init', 'set up in the current folder'],
        ['dunning init ~/books', 'set up in ~/books'],
      ]),
    )
    .action(async (dir: string, _opts: unknown, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { initWorkspace } = await import('../../app/init.js');
      const created = await initWorkspace(dir);
      if (ctx.out.json) ctx.out.printJson({ created });
      else for (const f of created) ctx.out.data(f);
      ctx.out.info('Next: fill in "business" in dunning.config.json, then `dunning import your-export.csv`.');
    });
}
