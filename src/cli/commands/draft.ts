import type { Command } from 'commander';
import { examples } from '../help.js';

export function defineDraft(program: Command): void {
  program
    .command('draft')
    .description('interactive: write one letter to one customer, with a preview and your confirmation')
    .argument('[customer]', 'customer id (default: choose from a list, the most overdue first)')
    .option('--outbox <dir>', 'where letters go (default: outbox/ beside the ledger)')
    .option('-y, --yes', 'write the letter once previewed, without asking')
    .option('--no-input', 'never ask anything: exit 2 (scripts and cron use `dunning run`)')
    .addHelpText(
      'before',
      examples([
        ['dunning draft', 'pick a customer, choose the stage, preview, confirm'],
        ['dunning draft acme-ltd', 'straight to one customer'],
        ['dunning draft acme-ltd --as-of 2026-03-02', 'as of a given day'],
      ]),
    )
    .action(async (customer: string | undefined, opts: { input?: boolean; yes?: boolean }, cmd: Command) => {
      const { runDesk } = await import('../desk-command.js');
      const { draftFlow } = await import('../draft-flow.js');
      await runDesk(cmd, 'draft', opts, async (session) => {
        const drafted = await draftFlow(session, customer);
        return drafted && { customer: drafted.customerId, file: drafted.path, sha256: drafted.sha256, event: drafted.eventId, subject: drafted.rendered.subject };
      });
    });
}
