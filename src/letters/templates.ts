import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own templates/ folder (dist/letters -> ../../templates). */
export const BUILT_IN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
export const FALLBACK_LANGUAGE = 'en';

export type Mode = 'text' | 'html';

export interface TemplateSource {
  /** `reminder`, or `partials/invoice-table.text` for a partial. */
  name: string;
  /** The language folder it was found in (`en` when a language fell back). */
  lang: string;
  path: string;
  text: string;
  builtIn: boolean;
}

/** One file of the catalogue `dunning templates list` shows. */
export interface TemplateEntry {
  lang: string;
  name: string;
  kind: 'letter' | 'partial';
  /** built-in: only the package's; overridden: yours replaces a built-in; same: your copy is unchanged; yours: no built-in of that name. */
  source: 'built-in' | 'overridden' | 'same' | 'yours';
  path: string;
}

interface Dir {
  root: string;
  lang: string;
  builtIn: boolean;
}

const hbsNames = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.hbs')).map((f) => f.slice(0, -4)) : []);
const subdirs = (dir: string | null) =>
  dir && existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];

/**
 * Finds templates by name: the user's templates/ beside the ledger first, then the built-in
 * ones; in the customer's language first, then English.
 */
export class TemplateStore {
  constructor(
    readonly userDir: string | null,
    readonly builtInDir: string = BUILT_IN_TEMPLATES,
  ) {}

  /** Folders to look in, in order: yours then built-in, the language then English. */
  private dirs(lang: string): Dir[] {
    const langs = lang === FALLBACK_LANGUAGE ? [lang] : [lang, FALLBACK_LANGUAGE];
    const out: Dir[] = [];
    for (const l of langs) {
      if (this.userDir) out.push({ root: join(this.userDir, l), lang: l, builtIn: false });
      out.push({ root: join(this.builtInDir, l), lang: l, builtIn: true });
    }
    return out;
  }

  private read(dir: Dir, name: string): TemplateSource | null {
    const path = join(dir.root, `${name}.hbs`);
    return existsSync(path) ? { name, lang: dir.lang, path, text: readFileSync(path, 'utf8'), builtIn: dir.builtIn } : null;
  }

  /** A letter template (`reminder`) or a partial (`partials/invoice-table.html`). */
  find(lang: string, name: string): TemplateSource | null {
    for (const d of this.dirs(lang)) {
      const found = this.read(d, name);
      if (found) return found;
    }
    return null;
  }

  /**
   * The partial a letter in `mode` uses: the first folder that has it wins, and within a folder
   * the mode's own variant (`invoice-table.text`) beats the generic one. So your generic
   * `invoice-table.hbs` replaces both built-in variants.
   */
  partial(lang: string, name: string, mode: Mode): TemplateSource | null {
    for (const d of this.dirs(lang)) {
      const found = this.read(d, `partials/${name}.${mode}`) ?? this.read(d, `partials/${name}`);
      if (found) return found;
    }
    return null;
  }

  /** Names partials are called by (`invoice-table`, without the mode), with fallback. */
  partialNames(lang: string): string[] {
    const names = new Set<string>();
    for (const d of this.dirs(lang)) for (const n of hbsNames(join(d.root, 'partials'))) names.add(n.replace(/\.(text|html)$/, ''));
    return [...names].sort();
  }

  /** Letter templates available in a language (its own and, by fallback, English ones). */
  letterNames(lang: string): string[] {
    const names = new Set<string>();
    for (const d of this.dirs(lang)) for (const n of hbsNames(d.root)) names.add(n);
    return [...names].sort();
  }

  private langs: string[] | undefined;

  /** Language folders, yours and built-in. */
  languages(): string[] {
    return (this.langs ??= [...new Set([...subdirs(this.builtInDir), ...subdirs(this.userDir)])].filter((l) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(l)).sort());
  }

  /** Every file in every language folder, with where it comes from. */
  catalogue(): TemplateEntry[] {
    const out: TemplateEntry[] = [];
    for (const lang of this.languages()) {
      for (const [sub, kind] of [['', 'letter'], ['partials', 'partial']] as const) {
        const builtInRoot = join(this.builtInDir, lang, sub);
        const userRoot = this.userDir ? join(this.userDir, lang, sub) : null;
        const names = new Set([...hbsNames(builtInRoot), ...(userRoot ? hbsNames(userRoot) : [])]);
        for (const n of [...names].sort()) {
          const builtIn = join(builtInRoot, `${n}.hbs`);
          const user = userRoot ? join(userRoot, `${n}.hbs`) : null;
          const hasUser = user !== null && existsSync(user);
          const hasBuiltIn = existsSync(builtIn);
          const source = !hasUser ? 'built-in' : !hasBuiltIn ? 'yours' : readFileSync(user, 'utf8') === readFileSync(builtIn, 'utf8') ? 'same' : 'overridden';
          out.push({ lang, name: sub ? `${sub}/${n}` : n, kind, source, path: hasUser ? user : builtIn });
        }
      }
    }
    return out;
  }

  /** Files and folders in your templates/ outside any language folder's letters and partials. */
  strayFiles(): { path: string; why: string }[] {
    if (!this.userDir || !existsSync(this.userDir)) return [];
    const out: { path: string; why: string }[] = [];
    for (const d of readdirSync(this.userDir, { withFileTypes: true })) {
      const path = join(this.userDir, d.name);
      if (d.name.startsWith('.')) continue;
      if (!d.isDirectory()) out.push({ path, why: 'outside a language folder, so no letter uses it (move it into templates/en/ or another language folder)' });
      else if (!this.languages().includes(d.name)) out.push({ path, why: `"${d.name}" is not a language folder (use a language code such as en, fr, de, es)` });
      else {
        for (const f of readdirSync(path, { withFileTypes: true })) {
          if (f.isDirectory() ? f.name !== 'partials' : !f.name.endsWith('.hbs')) {
            out.push({ path: join(path, f.name), why: 'not a template: letters are NAME.hbs, partials go in partials/' });
          }
        }
      }
    }
    return out;
  }

  /** Whether a language has its own letters (else they fall back to English). */
  hasLanguage(lang: string): boolean {
    return this.languages().includes(lang);
  }
}
