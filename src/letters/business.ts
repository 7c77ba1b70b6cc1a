/**
 * The business as the config gives it: payment instructions and the signatory may be one text,
 * or texts per language and per currency, resolved for each letter (see `resolveBusiness`).
 */
export type Varying = string | Record<string, string>;

export interface BusinessConfig {
  name: string;
  address: string;
  email: string;
  phone: string;
  website: string;
  paymentInstructions: Varying;
  signatory: Varying;
}

/** The business as one letter shows it: every field one text. */
export interface Business {
  name: string;
  address: string;
  email: string;
  phone: string;
  website: string;
  paymentInstructions: string;
  signatory: string;
}

/**
 * The text for a letter in `lang` about `currency`: "fr EUR", then "EUR", then "fr", then
 * "default". The currency comes before the language: bank details in the right currency matter
 * more than their wording.
 */
export function pick(value: Varying, lang: string, currency: string | null): string {
  if (typeof value === 'string') return value;
  const keys = [currency ? `${lang} ${currency}` : null, currency, lang, 'default'];
  for (const k of keys) if (k !== null && value[k] !== undefined) return value[k]!;
  return '';
}

/**
 * The business for one letter. A letter in several currencies whose payment instructions
 * differ gives each currency's, labelled by its code.
 */
export function resolveBusiness(b: BusinessConfig, lang: string, currencies: readonly string[]): Business {
  const texts = currencies.length === 0 ? [{ currency: null, text: pick(b.paymentInstructions, lang, null) }] : currencies.map((c) => ({ currency: c, text: pick(b.paymentInstructions, lang, c) }));
  const distinct = new Set(texts.map((t) => t.text));
  const paymentInstructions = distinct.size <= 1 ? texts[0]!.text : texts.map((t) => `${t.currency}: ${t.text}`).join('\n');
  return { ...b, paymentInstructions, signatory: pick(b.signatory, lang, currencies[0] ?? null) };
}

/** "[Your business name]", "[Street]": what `init` writes for the owner to replace. */
const PLACEHOLDER = /\[[^\]\n]*\]/;

export interface PlaceholderProblem {
  /** The config key, e.g. `business.paymentInstructions.fr`. */
  key: string;
  message: string;
}

/**
 * The business fields a letter cannot go out with: a placeholder left from `init`, or nothing
 * at all where every letter needs one (the name, how to pay, who signs).
 */
export function placeholderProblems(b: BusinessConfig): PlaceholderProblem[] {
  const out: PlaceholderProblem[] = [];
  const check = (key: string, text: string, required: boolean) => {
    const found = PLACEHOLDER.exec(text)?.[0];
    if (found) out.push({ key, message: `still the placeholder "${found}" (fill it in)` });
    else if (required && text.trim() === '') out.push({ key, message: 'is empty (every letter shows it: fill it in)' });
  };
  check('business.name', b.name, true);
  check('business.address', b.address, false);
  for (const field of ['paymentInstructions', 'signatory'] as const) {
    const v = b[field];
    if (typeof v === 'string') check(`business.${field}`, v, true);
    else for (const [k, text] of Object.entries(v)) check(`business.${field}.${k}`, text, true);
  }
  return out;
}
