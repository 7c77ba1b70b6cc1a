import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { templateKind } from '../../src/letters/check.js';
import { LetterRenderer } from '../../src/letters/render.js';
import { SAMPLE_AS_OF, SAMPLES, sampleContext } from '../../src/letters/samples.js';
import { TemplateStore } from '../../src/letters/templates.js';
import { ROOT } from '../helpers.js';

/**
 * Every stage in every language, rendered for the sample account that uses everything (two
 * currencies, a part payment, a credit note, fees, a missed plan, a personal note) as seen on
 * 2026-03-02. Run with UPDATE_GOLDEN=1 after changing a template on purpose, and read the diff.
 */
const GOLDEN = join(ROOT, 'test', 'golden');
const TEMPLATES = ['courtesy', 'reminder', 'second-reminder', 'final-notice', 'thank-you', 'handoff', 'plan-confirmation'];
const sample = SAMPLES.find((s) => s.name === 'fees, a missed plan and a personal note')!;
const renderer = new LetterRenderer(new TemplateStore(null));

describe.each(['en', 'fr', 'de', 'es'])('golden letters in %s', (lang) => {
  it.each(TEMPLATES)('%s', (name) => {
    expect(SAMPLE_AS_OF).toBe('2026-03-02');
    const letter = renderer.render(lang, name, sampleContext(sample, templateKind(name, DEFAULT_POLICY), name, lang));
    const actual = `Subject: ${letter.subject}\n\n${letter.text}\n----- html -----\n${letter.html}\n`;
    const file = join(GOLDEN, lang, `${name}.txt`);
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, actual);
    }
    expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 to write it`).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});
