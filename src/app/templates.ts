import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../domain/errors.js';
import { placeholderProblems } from '../letters/business.js';
import { checkTemplates, formatFinding, templateFaults, type CheckReport, type Finding } from '../letters/check.js';
import { FALLBACK_LANGUAGE, TemplateStore, type TemplateEntry, type TemplateSource } from '../letters/templates.js';
import { refuseIfPlaceholders, type LoadedConfig } from './config.js';
import type { Workspace } from './workspace.js';

/** The templates a workspace's letters use: its templates/ folder over the built-in ones. */
export function workspaceTemplates(ws: Workspace): TemplateStore {
  return new TemplateStore(existsSync(ws.templatesDir) ? ws.templatesDir : null);
}

export function listTemplates(ws: Workspace): TemplateEntry[] {
  return workspaceTemplates(ws).catalogue();
}

/**
 * The source of a template as letters use it: `reminder`, `fr/reminder`, `partials/signature`.
 * A partial named without its mode gives each variant there is (`.text` and `.html`).
 */
export function showTemplate(ws: Workspace, name: string, lang = FALLBACK_LANGUAGE): TemplateSource[] {
  const m = /^([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\/(.+)$/.exec(name);
  const [language, rest] = m && !m[1]!.startsWith('partials') ? [m[1]!, m[2]!] : [lang, name];
  const bare = rest.replace(/\.hbs$/, '');
  const store = workspaceTemplates(ws);
  const exact = store.find(language, bare);
  if (exact) return [exact];
  if (bare.startsWith('partials/')) {
    const variants = (['text', 'html'] as const).map((mode) => store.partial(language, bare.slice('partials/'.length), mode)).filter((s): s is TemplateSource => s !== null);
    if (variants.length > 0) return [...new Map(variants.map((v) => [v.path, v])).values()];
  }
  const known = store.letterNames(language).join(', ');
  throw new UsageError(`no template "${name}" in ${language} (letters: ${known}; partials: partials/NAME; \`dunning templates list\` shows them all)`);
}

/** `templates check`: the templates, and the business details every letter shows. */
export function checkWorkspaceTemplates(ws: Workspace, loaded: LoadedConfig): CheckReport {
  const report = checkTemplates(workspaceTemplates(ws), loaded.policy);
  report.findings.unshift(...businessFindings(loaded));
  return report;
}

/** Placeholders left in the config's "business", at the line of their key. */
function businessFindings(loaded: LoadedConfig): Finding[] {
  const problems = placeholderProblems(loaded.business);
  if (problems.length === 0) return [];
  if (loaded.path === null) {
    return [{ file: 'dunning.config.json', line: 1, rule: 'placeholder', text: 'not found: letters have no business name, payment instructions or signatory (run `dunning init` and fill in "business")' }];
  }
  const lines = readFileSync(loaded.path, 'utf8').split('\n');
  return problems.map((p) => {
    const leaf = p.key.split('.').pop()!;
    const at = lines.findIndex((l) => l.includes(`"${leaf}"`));
    return { file: loaded.path!, line: at + 1 || 1, rule: 'placeholder', text: `${p.key} is ${p.message.replace(/^is /, '')}` };
  });
}

/**
 * Before `run`, `draft` or `review` draft anything: the letters they would write need a real
 * business (no placeholders) and templates that pass `templates check`'s syntax and strict
 * checks (a misspelt name, even inside `{{#if}}`, stops the command).
 */
export function refuseUnfitLetters(ws: Workspace, loaded: LoadedConfig): void {
  refuseIfPlaceholders(loaded);
  const faults = templateFaults(workspaceTemplates(ws), loaded.policy);
  if (faults.length === 0) return;
  throw new UsageError(`${faults.map(formatFinding).join('\n')}\nnothing was drafted: ${faults.length === 1 ? 'this template' : 'these templates'} would write a wrong letter (fix ${faults.length === 1 ? 'it' : 'them'}; \`dunning templates check\` checks again)`);
}
