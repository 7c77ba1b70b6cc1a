import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import { addDays, daysOverdue as overdue, type IsoDate } from '../domain/dates.js';
import { formatMoney } from '../domain/money.js';
import type { TemplateStore } from './templates.js';

export type Mode = 'text' | 'html';

export interface RenderedLetter {
  subject: string;
  text: string;
  html: string;
}

/** Template source: an optional `---` block with `subject:`, then the body. */
export function splitTemplate(source: string): { subject: string; body: string; bodyLine: number } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
  if (!m) return { subject: '', body: source, bodyLine: 1 };
  const subject = /^subject:\s*(.*)$/m.exec(m[1]!)?.[1]?.trim() ?? '';
  return { subject, body: source.slice(m[0].length), bodyLine: m[0].split('\n').length };
}

function root(options: Handlebars.HelperOptions): { locale: string; asOf: IsoDate } {
  return options.data.root as { locale: string; asOf: IsoDate };
}

function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('money', (minor: number, currency: string, options: Handlebars.HelperOptions) =>
    formatMoney(minor, currency, root(options).locale),
  );
  hb.registerHelper('date', (iso: IsoDate, ...rest: unknown[]) => {
    const options = rest.pop() as Handlebars.HelperOptions;
    const style = (rest[0] as string | undefined) ?? 'long';
    const d = DateTime.fromISO(iso, { zone: 'utc' }).setLocale(root(options).locale);
    return style === 'short' ? d.toLocaleString(DateTime.DATE_SHORT) : d.toLocaleString(DateTime.DATE_FULL);
  });
  hb.registerHelper('deadline', (days: number, options: Handlebars.HelperOptions) => addDays(root(options).asOf, days));
  hb.registerHelper('daysLate', (due: IsoDate, options: Handlebars.HelperOptions) =>
    Math.max(0, overdue(due, root(options).asOf)),
  );
  hb.registerHelper('plural', (n: number, one: string, many: string) => (n === 1 ? one : many));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('gt', (a: number, b: number) => a > b);
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

export class TemplateError extends Error {}

/**
 * Renders letters from Handlebars templates in strict mode: a misspelt variable, helper or
 * partial is an error naming the template, never a blank in a letter. Text parts are rendered
 * without escaping, HTML parts with it; partials may have a `.text` / `.html` variant.
 */
export class LetterRenderer {
  private readonly envs = new Map<string, typeof Handlebars>();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  constructor(readonly store: TemplateStore) {}

  private env(lang: string, mode: Mode): typeof Handlebars {
    const key = `${lang}:${mode}`;
    let hb = this.envs.get(key);
    if (hb) return hb;
    hb = Handlebars.create();
    registerHelpers(hb);
    const names = this.store.partialNames(lang);
    for (const name of names) {
      const variant = /\.(text|html)$/.exec(name)?.[1];
      if (variant && variant !== mode) continue;
      // A mode-specific partial (`invoice-table.html`) wins over the generic one.
      if (!variant && names.includes(`${name}.${mode}`)) continue;
      const src = this.store.find(lang, `partials/${name}`)!;
      const base = variant ? name.slice(0, -variant.length - 1) : name;
      hb.registerPartial(base, hb.compile(src.text, { strict: true, noEscape: mode === 'text' }));
    }
    this.envs.set(key, hb);
    return hb;
  }

  private compile(lang: string, mode: Mode, name: string, part: 'subject' | 'body'): Handlebars.TemplateDelegate {
    const key = `${lang}:${mode}:${name}:${part}`;
    let t = this.compiled.get(key);
    if (!t) {
      const src = this.store.find(lang, name);
      if (!src) throw new TemplateError(`no template "${name}" in templates/${lang}/ or templates/en/`);
      const { subject, body } = splitTemplate(src.text);
      if (part === 'subject' && !subject) throw new TemplateError(`${src.path}: the template has no subject line`);
      t = this.env(lang, mode).compile(part === 'subject' ? subject : body, {
        strict: true,
        noEscape: mode === 'text' || part === 'subject',
      });
      this.compiled.set(key, t);
    }
    return t;
  }

  render(lang: string, name: string, context: Record<string, unknown>): RenderedLetter {
    try {
      const subject = this.compile(lang, 'text', name, 'subject')(context).trim();
      const text = this.compile(lang, 'text', name, 'body')(context).replace(/\n{3,}/g, '\n\n').trim() + '\n';
      const html = paragraphsToHtml(this.compile(lang, 'html', name, 'body')(context));
      return { subject, text, html };
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      const src = this.store.find(lang, name);
      throw new TemplateError(`${src?.path ?? name}: ${(e as Error).message}`);
    }
  }
}
