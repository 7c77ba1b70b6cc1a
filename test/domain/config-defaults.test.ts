import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/config-defaults.js';
import { ConfigSchema } from '../../src/domain/config-schema.js';

// The configuration of a ledger without a config file, spelt out to spare zod at start-up: it
// must say what the schema's defaults say (docs/testing.md: no other unit test reached it).
describe('the configuration without a config file', () => {
  it('is what the schema gives for an empty file', () => {
    expect(DEFAULT_CONFIG).toEqual(ConfigSchema.parse({}));
  });

  it('gives 30 days to pay, 7 days between contacts, a debt stale after 365 days, thanks on, no minimum, no segments', () => {
    expect(DEFAULT_CONFIG).toMatchObject({
      defaultTermsDays: 30,
      minDaysBetweenContacts: 7,
      staleAfterDays: 365,
      thankYou: true,
      minimumBalance: {},
      segments: [],
      timeZone: 'UTC',
      locale: 'en',
      letters: { format: 'auto' },
    });
  });

  it('has placeholders for the business that run refuses, and no contact details', () => {
    expect(DEFAULT_CONFIG.business).toEqual({
      name: '[Your business name]',
      address: '[Your address]',
      email: '',
      phone: '',
      website: '',
      paymentInstructions: '[How to pay: bank details or a payment link]',
      signatory: '[Your name]',
    });
  });
});
