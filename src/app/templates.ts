import { existsSync } from 'node:fs';
import { UsageError } from '../domain/errors.js';
import type { Policy } from '../domain/policy.js';
import { checkTemplates, type CheckReport } from '../letters/check.js';
import { FALLBACK_LANGUAGE, TemplateStore, type TemplateEntry, type TemplateSource } from '../letters/templates.js';
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

export function checkWorkspaceTemplates(ws: Workspace, policy: Policy): CheckReport {
  return checkTemplates(workspaceTemplates(ws), policy);
}
