import { addDays } from '../domain/dates.js';
import { formatMoney, isCurrencyCode } from '../domain/money.js';
import type { Finding } from './analyse.js';
import type { LetterContext } from './context.js';
import { formatDate } from './helpers.js';
import type { TemplateKind } from './samples.js';
import { ACRONYMS, toneWords, wordsPattern } from './tone-words.js';

/** The rules `templates check` applies, by the name a finding carries. */
export const TONE_RULES = {
  'no-threats': 'no threats or legal words before the final notice',
  'no-shouting': 'no words in capitals (currency codes and invoice numbers excepted)',
  'one-exclamation': 'at most one exclamation mark in a letter',
  'offers-to-talk': 'every collection letter offers a way to talk: a contact, a query or dispute, a payment plan',
  'already-paid': 'every collection letter says a payment already sent is welcome and the letter can then be disregarded',
  'final-notice': 'the final notice states the amount, the deadline and the next step',
} as const;

export interface SourceFile {
  path: string;
  text: string;
}

/** The words a reader sees in a template file: mustaches and HTML tags blanked, lines kept. */
export function visibleText(source: string): string[] {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return source
    .replace(/\{\{!--[\s\S]*?--\}\}|\{\{[\s\S]*?\}\}/g, blank)
    .replace(/<[^>\n]*>/g, blank)
    .replace(/&[a-z]+;|&#\d+;/gi, blank)
    .split('\n');
}

function isShouting(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2 || letters !== letters.toUpperCase() || letters === letters.toLowerCase()) return false;
  if (/\d/.test(word)) return false; // an invoice number, INV-2026
  return !isCurrencyCode(letters) && !ACRONYMS.has(letters);
}

/**
 * Lints what a letter's template files say, line by line: threats, shouting, exclamation marks.
 * `text` are the files of the text part (the template then its partials), `html` the HTML part's.
 */
export function lintSources(kind: TemplateKind, lang: string, text: SourceFile[], html: SourceFile[]): Finding[] {
  const out: Finding[] = [];
  const threats = new RegExp(wordsPattern(toneWords(lang).threats).source, 'giu');
  const files = [...text, ...html.filter((h) => !text.some((t) => t.path === h.path))];
  for (const f of files) {
    visibleText(f.text).forEach((line, i) => {
      for (const threat of kind === 'collection' ? line.matchAll(threats) : []) {
        out.push({ file: f.path, line: i + 1, rule: 'no-threats', text: `"${threat[0]}" before the final notice` });
      }
      for (const word of line.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []) {
        if (isShouting(word)) out.push({ file: f.path, line: i + 1, rule: 'no-shouting', text: `"${word}" is in capitals` });
      }
    });
  }
  // The text part is the letter as read; each file once, though a partial may be used twice.
  const marks = text.flatMap((f) => visibleText(f.text).flatMap((line, i) => [...line.matchAll(/!/g)].map(() => ({ file: f.path, line: i + 1 }))));
  for (const extra of marks.slice(1)) {
    out.push({ ...extra, rule: 'one-exclamation', text: `${marks.length} exclamation marks in one letter (keep at most one)` });
  }
  return out;
}

const paragraphs = (text: string) => text.split(/\n\s*\n/);

/** Checks a rendered letter says what its kind must say. Findings point at the template's first line. */
export function lintLetter(kind: TemplateKind, lang: string, file: string, sample: string, rendered: string, context: LetterContext): Finding[] {
  if (kind !== 'collection' && kind !== 'final') return [];
  const w = toneWords(lang);
  const has = (words: string[], text = rendered) => wordsPattern(words).test(text);
  const out: Finding[] = [];
  const finding = (rule: keyof typeof TONE_RULES, text: string) => out.push({ file, line: 1, rule, text: `${text} (sample: ${sample})` });
  const missing = [
    ['a way to reply or call', w.contact],
    ['an offer to sort out a query or dispute', w.dispute],
    ['a payment plan', w.plan],
  ].filter(([, words]) => !has(words as string[]));
  if (missing.length > 0) finding('offers-to-talk', `the letter does not offer ${missing.map(([what]) => what).join(', ')}`);
  if (!paragraphs(rendered).some((p) => has(w.alreadyPaid, p) && has(w.thanks, p) && has(w.disregard, p))) {
    finding('already-paid', 'no paragraph says "if you have already paid, thank you, and please disregard this letter"');
  }
  if (kind === 'final') {
    const amounts = context.totals.map((t) => formatMoney(t.minor, t.currency, context.locale));
    const absent = amounts.filter((a) => !rendered.includes(a));
    if (absent.length > 0) finding('final-notice', `the amount owed (${absent.join(', ')}) is not stated`);
    const deadline = Array.from({ length: 90 }, (_, i) => addDays(context.asOf, i + 1)).some((d) =>
      [formatDate(d, context.locale, 'long'), formatDate(d, context.locale, 'short')].some((s) => rendered.includes(s)),
    );
    if (!deadline) finding('final-notice', 'no deadline: name the date payment is due by ({{date (deadline 14)}})');
    if (!has(w.nextStep)) finding('final-notice', 'the next step (what happens after the deadline) is not stated');
  }
  return out;
}
