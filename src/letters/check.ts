import type { Policy } from '../domain/policy.js';
import { Analyser, shapeOf, type Finding } from './analyse.js';
import { LetterRenderer, TemplateError } from './render.js';
import { fullContext, SAMPLES, sampleContext, type TemplateKind } from './samples.js';
import type { TemplateStore } from './templates.js';
import { lintLetter, lintSources } from './tone.js';

export type { Finding } from './analyse.js';

export interface CheckReport {
  /** Letter templates checked, as `lang/name`. */
  templates: string[];
  /** Letters rendered against the sample accounts. */
  renders: number;
  findings: Finding[];
}

/**
 * What a template is for. The final notice is the last letter of the ladder (and any template
 * called `final-notice`); a `flag` stage's template is a cover note for the agency or lawyer.
 */
export function templateKind(name: string, policy: Policy): TemplateKind {
  if (name === 'thank-you') return 'thank-you';
  if (name === 'plan-confirmation') return 'plan';
  const stage = policy.stages.find((s) => s.template === name);
  if (name === 'handoff' || stage?.action === 'flag') return 'handoff';
  const letters = policy.stages.filter((s) => s.action === 'letter');
  if (name === 'final-notice' || letters[letters.length - 1]?.template === name) return 'final';
  return 'collection';
}

export const formatFinding = (f: Finding) => `${f.file}:${f.line}: ${f.rule}: ${f.text}`;

/** The letter templates a policy writes with: its stages', the thank-you and the plan confirmation. */
export function templatesInUse(policy: Policy): Set<string> {
  const stages = [...policy.stages, ...(policy.segments ?? []).flatMap((s) => s.stages ?? [])];
  return new Set([...stages.map((s) => s.template), 'thank-you', 'plan-confirmation', 'handoff']);
}

/**
 * What stops `run`, `draft` and `review` before they draft: `templates check`'s syntax and
 * strict-name analysis of every template the policy uses, in every language, on every path
 * (a misspelt name inside `{{#if}}` included). Tone is left to `templates check`; a helper
 * given nonsense still fails at render, which rolls the whole command back.
 */
export function templateFaults(store: TemplateStore, policy: Policy): Finding[] {
  const used = templatesInUse(policy);
  const shape = shapeOf(fullContext());
  const out: Finding[] = [];
  for (const lang of store.languages()) {
    for (const name of store.letterNames(lang)) {
      const src = store.find(lang, name)!;
      if (!used.has(name) || src.lang !== lang) continue;
      const names = new Analyser(store, lang, shape);
      names.letter(src);
      for (const f of names.findings) if (!out.some((g) => formatFinding(g) === formatFinding(f))) out.push(f);
    }
  }
  return out;
}

/**
 * `dunning templates check`: every letter template of every language is analysed for names
 * it cannot resolve, rendered against each sample account in strict mode, and linted for tone.
 */
export function checkTemplates(store: TemplateStore, policy: Policy): CheckReport {
  const report: CheckReport = { templates: [], renders: 0, findings: [] };
  const add = (list: Finding[]) => {
    for (const f of list) {
      if (!report.findings.some((g) => g.file === f.file && g.line === f.line && g.rule === f.rule && g.text === f.text)) report.findings.push(f);
    }
  };
  const renderer = new LetterRenderer(store);
  const shape = shapeOf(fullContext());
  for (const lang of store.languages()) {
    for (const name of store.letterNames(lang)) {
      const src = store.find(lang, name)!;
      if (src.lang !== lang) continue; // an English fallback is checked as English
      report.templates.push(`${lang}/${name}`);
      const kind = templateKind(name, policy);
      const names = new Analyser(store, lang, shape);
      names.letter(src);
      add(names.findings);
      add(lintSources(kind, lang, [src, ...names.partials.text], names.partials.html));
      if (names.findings.length > 0) continue; // rendering would only repeat the first problem
      for (const sample of SAMPLES) {
        const context = sampleContext(sample, kind, name, lang);
        report.renders++;
        try {
          const letter = renderer.render(lang, name, context);
          add(lintLetter(kind, lang, src.path, sample.name, `${letter.subject}\n\n${letter.text}`, context));
        } catch (e) {
          if (!(e instanceof TemplateError)) throw e;
          // The same failure in every sample is one finding.
          if (report.findings.some((f) => f.file === e.file && f.line === e.line && f.text.startsWith(e.detail))) continue;
          add([{ file: e.file, line: e.line, rule: e.rule, text: `${e.detail} (sample: ${sample.name})` }]);
        }
      }
    }
  }
  add(strayFiles(store, policy));
  report.findings.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return report;
}

/**
 * Files in your templates/ that no letter will ever use: outside a language folder
 * (`templates/reminder.hbs`), in a folder that is not a language, or a letter of your own
 * that overrides no built-in one and that no stage names (a misspelt `remnder.hbs`).
 */
export function strayFiles(store: TemplateStore, policy: Policy): Finding[] {
  const used = templatesInUse(policy);
  const out: Finding[] = [];
  for (const f of store.strayFiles()) out.push({ file: f.path, line: 1, rule: 'unused', text: f.why });
  for (const e of store.catalogue()) {
    if (e.kind === 'letter' && e.source === 'yours' && !used.has(e.name)) {
      out.push({ file: e.path, line: 1, rule: 'unused', text: `no built-in letter is called "${e.name}" and no stage names it (rename it, or name it in a stage's "template")` });
    }
  }
  return out;
}
