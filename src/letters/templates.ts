import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own templates/ folder (dist/letters -> ../../templates). */
export const BUILT_IN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
export const FALLBACK_LANGUAGE = 'en';

export interface TemplateSource {
  name: string;
  path: string;
  text: string;
  builtIn: boolean;
}

/**
 * Finds templates by name: the user's templates/ beside the ledger first, then the built-in
 * ones; in the customer's language first, then English.
 */
export class TemplateStore {
  constructor(
    readonly userDir: string | null,
    readonly builtInDir: string = BUILT_IN_TEMPLATES,
  ) {}

  private candidates(lang: string, relative: string): { path: string; builtIn: boolean }[] {
    const langs = lang === FALLBACK_LANGUAGE ? [lang] : [lang, FALLBACK_LANGUAGE];
    const out: { path: string; builtIn: boolean }[] = [];
    for (const l of langs) {
      if (this.userDir) out.push({ path: join(this.userDir, l, relative), builtIn: false });
      out.push({ path: join(this.builtInDir, l, relative), builtIn: true });
    }
    return out;
  }

  /** A letter template (`reminder`) or a partial (`partials/invoice-table.html`). */
  find(lang: string, name: string): TemplateSource | null {
    for (const c of this.candidates(lang, `${name}.hbs`)) {
      if (existsSync(c.path)) return { name, path: c.path, text: readFileSync(c.path, 'utf8'), builtIn: c.builtIn };
    }
    return null;
  }

  /** Names of the partials available in a language (user's and built-in, with fallback). */
  partialNames(lang: string): string[] {
    const names = new Set<string>();
    for (const c of this.candidates(lang, 'partials')) {
      if (!existsSync(c.path)) continue;
      for (const f of readdirSync(c.path)) if (f.endsWith('.hbs')) names.add(f.slice(0, -4));
    }
    return [...names].sort();
  }
}
