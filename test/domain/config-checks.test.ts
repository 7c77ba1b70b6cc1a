import { describe, expect, it } from 'vitest';
import { canonicalLocale, localeProblem, timeZoneProblem, varyingKeyProblem } from '../../src/domain/config-checks.js';

// The config checks that only Intl can judge, tested here on the source: the config's CLI tests
// run the built CLI, which a mutation of src/ does not reach (docs/testing.md).
describe('the locale a config names', () => {
  it('accepts a language tag this system supports, with or without a region', () => {
    for (const tag of ['en', 'en-GB', 'fr-FR', 'de-CH', 'sr-Latn-RS']) expect(localeProblem(tag), tag).toBeNull();
  });

  it('accepts a language of three letters (Hawaiian, Filipino)', () => {
    expect(localeProblem('haw')).toBeNull();
    expect(localeProblem('fil')).toBeNull();
  });

  it('refuses "en_GB" with the tag to write instead', () => {
    expect(localeProblem('en_GB')).toBe('is not a BCP 47 language tag (use "en-GB")');
    expect(localeProblem('FR_be')).toBe('is not a BCP 47 language tag (use "fr-BE")');
  });

  it('refuses a language written out in English, naming its tag', () => {
    expect(localeProblem('english')).toBe('is not a language tag this system supports (use "en")');
    expect(localeProblem(' German ')).toBe('is not a language tag this system supports (use "de")');
  });

  it('refuses a well-formed tag of a language the system does not know, with examples', () => {
    const examples = 'is not a language tag this system supports (use a tag such as "en-GB", "fr-FR" or "de-DE")';
    expect(localeProblem('xx')).toBe(examples);
    expect(localeProblem('zz-ZZ')).toBe(examples);
  });

  it('refuses what is not a tag at all, with examples', () => {
    const examples = 'is not a language tag this system supports (use a tag such as "en-GB", "fr-FR" or "de-DE")';
    expect(localeProblem('')).toBe(examples);
    expect(localeProblem('en GB')).toBe(examples);
  });

  it('writes a tag as Intl does', () => {
    expect(canonicalLocale('en-gb')).toBe('en-GB');
    expect(canonicalLocale('FR')).toBe('fr');
  });
});

describe('the time zone a config names', () => {
  it('accepts an IANA zone and UTC', () => {
    expect(timeZoneProblem('Europe/London')).toBeNull();
    expect(timeZoneProblem('UTC')).toBeNull();
  });

  it('refuses a zone Intl does not know, with examples', () => {
    expect(timeZoneProblem('Europe/Atlantis')).toBe('is not an IANA time zone (use one such as "Europe/London", "Europe/Paris" or "America/New_York")');
  });
});

describe('the key of a text that varies by language or currency', () => {
  it('accepts default, a language, a currency, and a language with a currency', () => {
    for (const key of ['default', 'fr', 'haw', 'EUR', 'fr EUR', 'de CHF']) expect(varyingKeyProblem(key), key).toBeNull();
  });

  it('refuses a key of another shape, saying which shapes there are', () => {
    for (const key of ['Default', 'FR', 'EURO', 'EUR fr', 'fr-EUR', 'fr  EUR', '']) {
      expect(varyingKeyProblem(key), key).toBe(`"${key}" is not "default", a language ("fr"), a currency ("EUR") or both ("fr EUR")`);
    }
  });

  it('refuses a language the system does not know, alone or with a currency', () => {
    const unknown = '"xx" is not a language this system knows (use a code such as en, fr, de, es)';
    expect(varyingKeyProblem('xx')).toBe(unknown);
    expect(varyingKeyProblem('xx EUR')).toBe(unknown);
  });

  it('refuses a currency that is not ISO 4217, alone or after a language', () => {
    const unknown = '"ABC" is not an ISO 4217 currency code (use USD, EUR, GBP…)';
    expect(varyingKeyProblem('ABC')).toBe(unknown);
    expect(varyingKeyProblem('fr ABC')).toBe(unknown);
  });
});
