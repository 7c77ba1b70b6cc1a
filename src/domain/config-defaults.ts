import type { Config } from './config-schema.js';

/**
 * What `ConfigSchema.parse({})` gives: the configuration of a ledger without a config file.
 * Spelt out so that such a ledger starts without loading zod (about 40 ms, most of a
 * command's start-up); a test keeps it equal to the schema's defaults, and the `Config` type
 * refuses it when the schema gains a key with a default.
 */
export const DEFAULT_CONFIG: Config = {
  business: {
    name: '[Your business name]',
    address: '[Your address]',
    email: '',
    phone: '',
    website: '',
    paymentInstructions: '[How to pay: bank details or a payment link]',
    signatory: '[Your name]',
  },
  timeZone: 'UTC',
  locale: 'en',
  defaultTermsDays: 30,
  minDaysBetweenContacts: 7,
  staleAfterDays: 365,
  minimumBalance: {},
  thankYou: true,
  segments: [],
  letters: { format: 'auto' },
};
