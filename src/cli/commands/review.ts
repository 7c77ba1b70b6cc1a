import type { Command } from 'commander';
import { examples } from '../help.js';

export function defineReview(program: Command): void {
  program
    .command('review')
    .description("interactive: go through what run proposes today, approving, skipping or holding each account")
    .option('--outbox <dir>', 'where letters go (default: outbox/ beside the ledger)')
    .option('-y, --yes', 'write the decisions at the end without asking')
    .option('--no-input', 'never ask anything: exit 2 (scripts and cron use `dunning run`)')
    .addHelpText(
      'before',
      examples([
        ['dunning review', "approve, skip or hold each of today's proposals"],
        ['dunning review --as-of 2026-03-02', 'the proposals of a given day'],
        ['dunning run --dry-run', 'the same proposals, without questions'],
      ]),
    )
    .action(async (opts: { input?: boolean; yes?: boolean }, cmd: Command) => {
      const { runDesk } = await import('../desk-command.js');
      const { reviewFlow } = await import('../review-flow.js');
      await runDesk(cmd, 'review', opts, reviewFlow);
    });
}
