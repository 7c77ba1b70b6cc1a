import type { Command } from 'commander';
import { relative } from 'node:path';
import { CheckFailed } from '../../domain/errors.js';
import { cliContext } from '../context.js';
import { examples } from '../help.js';
import { table } from '../output.js';

/** A path as the user would type it: relative to here when below here. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}

const SOURCES = { 'built-in': 'built-in', overridden: 'yours (overrides the built-in)', same: 'yours (same as the built-in)', yours: 'yours' };

export function defineTemplates(program: Command): void {
  const templates = program
    .command('templates')
    .description('see, print and check the letter templates (yours in templates/ override the built-in ones)')
    .addHelpText(
      'before',
      examples([
        ['dunning templates list', 'every template and partial, built-in or yours'],
        ['dunning templates show fr/reminder', 'print a template as letters use it'],
        ['dunning templates check', 'compile, render and tone-check every template'],
      ]),
    );

  templates
    .command('list')
    .description('every template and partial per language, and whether it is built-in or yours')
    .addHelpText('before', examples([['dunning templates list', 'the catalogue'], ['dunning templates list --json', 'for scripts']]))
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { listTemplates } = await import('../../app/templates.js');
      const entries = listTemplates(ctx.ws);
      if (ctx.out.json) return ctx.out.printJson({ templates: entries });
      ctx.out.data(table([['language', 'template', 'kind', 'source', 'file'], ...entries.map((e) => [e.lang, e.name, e.kind, SOURCES[e.source], shown(e.path)])]));
    });

  templates
    .command('show')
    .description('print the source of a template or partial, as letters in that language use it')
    .argument('<name>', 'a template (`reminder`, `fr/reminder`) or partial (`partials/invoice-table`)')
    .option('--lang <code>', 'the language folder (default: en)')
    .addHelpText(
      'before',
      examples([
        ['dunning templates show reminder', 'the English reminder'],
        ['dunning templates show de/final-notice', 'the German final notice'],
        ['dunning templates show partials/invoice-table --lang es', 'a partial, each variant'],
      ]),
    )
    .action(async (name: string, opts: { lang?: string }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { showTemplate } = await import('../../app/templates.js');
      const sources = showTemplate(ctx.ws, name, opts.lang);
      if (ctx.out.json) return ctx.out.printJson({ templates: sources.map((s) => ({ name: s.name, lang: s.lang, builtIn: s.builtIn, path: s.path, source: s.text })) });
      for (const s of sources) {
        ctx.out.info(`# ${shown(s.path)} (${s.builtIn ? 'built-in' : 'yours'})`);
        ctx.out.data(s.text);
      }
    });

  templates
    .command('check')
    .description('compile every template, render it against sample accounts and check its tone (exit 5 on findings)')
    .addHelpText(
      'before',
      examples([
        ['dunning templates check', 'after editing a letter'],
        ['dunning templates check --json', 'findings for scripts'],
      ]),
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { checkWorkspaceTemplates } = await import('../../app/templates.js');
      const { formatFinding } = await import('../../letters/check.js');
      const loaded = await ctx.config();
      const report = checkWorkspaceTemplates(ctx.ws, loaded);
      const findings = report.findings.map((f) => ({ ...f, file: shown(f.file) }));
      if (ctx.out.json) ctx.out.printJson({ ok: findings.length === 0, templates: report.templates, renders: report.renders, findings });
      else for (const f of findings) ctx.out.data(formatFinding(f));
      const summary = `${report.templates.length} templates, ${report.renders} sample letters rendered`;
      if (findings.length > 0) throw new CheckFailed(`templates check: ${findings.length} problem${findings.length === 1 ? '' : 's'} (${summary})`);
      ctx.out.info(`templates check: all good (${summary}).`);
    });
}
