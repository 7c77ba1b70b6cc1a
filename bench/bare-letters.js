// @ts-check
/**
 * The yardstick for `run`: a bare loop that renders the same letters with the same Handlebars
 * templates, compiled once, and writes the same .eml / .html files, with no ledger, no
 * planning and no audit trail. `run` may cost at most 1.5 times this.
 *
 *   node bench/bare-letters.js LETTERS.json OUTBOX_DIR
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [input, outbox] = process.argv.slice(2);
const dist = new URL('../dist/', import.meta.url);
const { LetterRenderer } = await import(new URL('letters/render.js', dist).href);
const { TemplateStore } = await import(new URL('letters/templates.js', dist).href);
const { emlDraft, htmlPage } = await import(new URL('letters/write.js', dist).href);

const { asOf, business, letters } = JSON.parse(readFileSync(input, 'utf8'));
const renderer = new LetterRenderer(new TemplateStore(null));
const dir = join(outbox, asOf);
mkdirSync(dir, { recursive: true, mode: 0o700 });
const at = `${asOf}T07:30:00.000Z`;
let n = 0;
for (const l of letters) {
  const rendered = renderer.render(l.lang, l.template, l.context);
  n++;
  const body = l.to
    ? await emlDraft(rendered, { from: business, to: l.to, eventId: n, date: at, lang: l.lang })
    : Buffer.from(htmlPage(rendered, l.lang));
  writeFileSync(join(dir, `${l.stem}.${l.to ? 'eml' : 'html'}`), body, { mode: 0o600 });
}
