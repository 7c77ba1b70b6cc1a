import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../helpers.js';
import { TemplateStore } from '../../src/letters/templates.js';

/** A user templates/ folder holding the given files (`en/reminder.hbs`: source), over the built-in ones. */
export function userTemplates(files: Record<string, string>): { store: TemplateStore; dir: string; path: (rel: string) => string } {
  const dir = join(tempDir('dunning-templates-'), 'templates');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { store: new TemplateStore(dir), dir, path: (rel) => join(dir, rel) };
}

/** A reminder that says everything a collection letter must, for rules to be broken one at a time. */
export const GOOD_REMINDER = `---
subject: A reminder about {{#each invoices}}{{number}} {{/each}}
---
Dear {{customer.name}},

The invoices below are overdue.

{{> invoice-table}}

{{> contact-line}}

{{> already-paid}}

{{> signature}}
`;
