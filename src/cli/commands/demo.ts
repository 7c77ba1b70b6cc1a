import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';

export function defineDemo(program: Command): void {
  program
    .command('demo')
    .description('run the whole pipeline on the bundled examples in a temporary folder, and show the letters')
    .option('--dir <dir>', 'use this (empty) folder instead of a temporary one')
    .addHelpText(
      'before',
      examples([
        ['npx dunning demo', 'two months of mornings at an example business'],
        ['dunning demo --json', 'the same, as JSON'],
      ]),
    )
    .action(async (opts: { dir?: string }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { mkdtempSync, mkdirSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { runDemo, DEMO_DATES } = await import('../../app/demo.js');
      const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'dunning-demo-'));
      mkdirSync(dir, { recursive: true });
      const { stamp } = await ctx.moment();
      ctx.out.info(`Replaying ${DEMO_DATES.start} to ${DEMO_DATES.asOf} at Fernwood Design Studio (examples/invoices.csv) in ${dir}`);
      const r = await runDemo(dir, stamp);
      if (ctx.out.json) {
        ctx.out.printJson(r);
        return;
      }
      const total = Object.values(r.lettersByStage).reduce((a, b) => a + b, 0);
      ctx.out.data(`${r.runs} daily runs drafted ${total} letters:`);
      for (const [stage, n] of Object.entries(r.lettersByStage)) ctx.out.data(`  ${String(n).padStart(3)}  ${stage}`);
      for (const f of r.flagged) ctx.out.data(`  flagged on ${f.on}: ${f.customer} (${f.reason})`);
      ctx.out.data('Along the way, by hand:');
      for (const a of r.actions) ctx.out.data(`  ${a.on}  dunning ${a.what}`);
      ctx.out.data(`\nLetters: ${r.outbox}/<date>/  (open an .eml in your mail client, an .html in a browser)`);
      ctx.out.data(`Try:     npx dunning status --db ${join(dir, 'dunning.db')} --as-of ${DEMO_DATES.asOf}`);
    });
}
