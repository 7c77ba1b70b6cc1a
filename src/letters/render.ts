import Handlebars from 'handlebars';
import { UsageError } from '../domain/errors.js';
import { Analyser, parseErrorLine, splitTemplate } from './analyse.js';
import { registerHelpers } from './helpers.js';
import type { Mode, TemplateSource, TemplateStore } from './templates.js';

export { splitTemplate } from './analyse.js';
export type { Mode } from './templates.js';

export interface RenderedLetter {
  subject: string;
  text: string;
  html: string;
}

/** Paragraphs separated by blank lines become <p>; a block that is already HTML stays as it is. */
export function paragraphsToHtml(body: string): string {
  return body
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => b.length > 0)
    .map((b) => (b.startsWith('<') ? b : `<p>${b.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n');
}

/**
 * A template that cannot be compiled or rendered: names the file, the line and what is wrong
 * (`templates/fr/reminder.hbs:12: strict: unknown variable "customer.nme"`). A broken template
 * is a problem with the owner's setup, like a bad config: exit 2.
 */
export class TemplateError extends UsageError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly rule: string,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${rule}: ${detail} (run \`dunning templates check\`)`);
  }
}

/** The helper an error message names (`money: expected…`), to point at the line that calls it. */
function lineOf(text: string, needle: string | undefined, offset: number): number {
  if (!needle) return offset + 1;
  const i = text.split('\n').findIndex((l) => new RegExp(`[{(]\\s*#?${needle}\\b`).test(l));
  return offset + (i < 0 ? 1 : i + 1);
}

/** Turns whatever Handlebars or a helper threw into a TemplateError at the file's line. */
function located(e: unknown, src: TemplateSource, text: string, offset: number): TemplateError {
  if (e instanceof TemplateError) return e;
  const err = e as Error & { lineNumber?: number; column?: number };
  const message = err.message.replace(/ - \d+:\d+$/, '');
  const notDefined = /^"(.+)" not defined in /.exec(message);
  if (notDefined) {
    // Handlebars names the last part ("nme"); the source at its column has the whole path.
    const at = text.split('\n')[(err.lineNumber ?? 1) - 1]?.slice(err.column ?? 0) ?? '';
    const path = /^[@\w./-]+/.exec(at)?.[0];
    const name = path?.split(/[./]/).includes(notDefined[1]!) ? path : notDefined[1];
    return new TemplateError(src.path, offset + (err.lineNumber ?? 1), 'strict', `unknown variable "${name}"`);
  }
  const partial = /^The partial (.+) could not be found/.exec(message);
  if (partial) return new TemplateError(src.path, lineOf(text, `>\\s*${partial[1]}`, offset), 'strict', `unknown partial "${partial[1]}"`);
  if (/^Parse error/.test(message)) return new TemplateError(src.path, offset + parseErrorLine(e), 'syntax', message.split('\n').pop()!);
  const line = err.lineNumber ? offset + err.lineNumber : lineOf(text, /^(\w+):/.exec(message)?.[1], offset);
  return new TemplateError(src.path, line, 'render', message);
}

type Compiled = (context: Record<string, unknown>) => string;

/** Compiles one piece of a template file so that any error it throws names that file and line. */
function compileAt(hb: typeof Handlebars, src: TemplateSource, text: string, offset: number, noEscape: boolean): Compiled {
  let fn: Handlebars.TemplateDelegate;
  try {
    fn = hb.compile(text, { strict: true, noEscape });
  } catch (e) {
    throw located(e, src, text, offset);
  }
  return (context, options?: Handlebars.RuntimeOptions) => {
    try {
      return fn(context, options);
    } catch (e) {
      throw located(e, src, text, offset);
    }
  };
}

/**
 * Renders letters from Handlebars templates in strict mode: a misspelt variable, helper or
 * partial is an error naming the template file and line, never a blank in a letter. Text parts
 * are rendered without escaping (nothing is escaped twice), HTML parts with it; a partial may
 * have a `.text` / `.html` variant. Customer data is only ever a value, so `{{` in a name is
 * printed as it is.
 */
export class LetterRenderer {
  private readonly envs = new Map<string, typeof Handlebars>();
  private readonly compiled = new Map<string, Compiled>();

  constructor(readonly store: TemplateStore) {}

  private env(lang: string, mode: Mode): typeof Handlebars {
    const key = `${lang}:${mode}`;
    let hb = this.envs.get(key);
    if (hb) return hb;
    const env = Handlebars.create();
    registerHelpers(env);
    for (const name of this.store.partialNames(lang)) {
      const src = this.store.partial(lang, name, mode)!;
      // Partials are compiled on first use, so one broken partial does not break every letter.
      let fn: Compiled | undefined;
      env.registerPartial(name, ((context: Record<string, unknown>, options: unknown) => {
        fn ??= compileAt(env, src, src.text, 0, mode === 'text');
        return (fn as (c: unknown, o: unknown) => string)(context, options);
      }) as unknown as Handlebars.Template);
    }
    this.envs.set(key, env);
    return env;
  }

  private source(lang: string, name: string): TemplateSource {
    const src = this.store.find(lang, name);
    if (!src) throw new TemplateError(`templates/${lang}/${name}.hbs`, 1, 'strict', `no template "${name}" in templates/${lang}/ or templates/en/`);
    return src;
  }

  private compile(lang: string, mode: Mode, name: string, part: 'subject' | 'body'): Compiled {
    const key = `${lang}:${mode}:${name}:${part}`;
    let t = this.compiled.get(key);
    if (t) return t;
    const src = this.source(lang, name);
    // Unknown helpers and partials are found before the first letter, whatever path it takes.
    const names = new Analyser(this.store, lang, { kind: 'any' });
    names.letter(src);
    const first = names.findings[0];
    if (first) throw new TemplateError(first.file, first.line, first.rule, first.text);
    const { subject, subjectLine, body, bodyLine } = splitTemplate(src.text);
    if (part === 'subject' && !subject) throw new TemplateError(src.path, 1, 'strict', 'the template has no subject line (start it with ---, subject: …, ---)');
    t =
      part === 'subject'
        ? compileAt(this.env(lang, mode), src, subject, subjectLine - 1, true)
        : compileAt(this.env(lang, mode), src, body, bodyLine - 1, mode === 'text');
    this.compiled.set(key, t);
    return t;
  }

  render(lang: string, name: string, context: Record<string, unknown>): RenderedLetter {
    const subject = this.compile(lang, 'text', name, 'subject')(context).replace(/[ \t\r\n]+/g, ' ').trim();
    const text = this.compile(lang, 'text', name, 'body')(context).replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
    const html = paragraphsToHtml(this.compile(lang, 'html', name, 'body')(context));
    return { subject, text, html };
  }
}
