import { z } from 'zod';
import { isCurrencyCode } from './money.js';

/**
 * dunning.config.json: one definition that validates the file and publishes its JSON Schema
 * (schema/dunning.config.schema.json is generated from it), so the two never drift.
 */
const currency = z.string().refine(isCurrencyCode, { message: 'must be an ISO 4217 currency code such as USD, EUR or GBP' });
const decimal = z.string().regex(/^\d+(\.\d+)?$/, { message: 'must be an amount written as text, like "25.00"' });

export const BusinessSchema = z
  .object({
    name: z.string().default('[Your business name]').describe('Trading name shown on every letter.'),
    address: z.string().default('[Your address]').describe('Postal address; use \\n between lines.'),
    email: z.string().default('').describe('From address of .eml drafts, and where customers reply.'),
    phone: z.string().default('').describe('A number customers can call to talk it over.'),
    website: z.string().default(''),
    paymentInstructions: z
      .string()
      .default('[How to pay: bank details or a payment link]')
      .describe('How to pay: bank details, a payment link.'),
    signatory: z.string().default('[Your name]').describe('The person who signs the letters.'),
  })
  .strict();

export const StageSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, { message: 'must be lower-case letters, digits and dashes' }),
    daysFromDue: z.number().int().describe('Days after the due date the stage falls due; negative is before it.'),
    minDaysSinceLastContact: z.number().int().min(0).default(0),
    template: z.string().optional().describe('Template name; defaults to the stage id.'),
    action: z.enum(['letter', 'flag']).default('letter').describe('`flag` marks the account for the owner instead of writing.'),
  })
  .strict();

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    '//': z.unknown().optional().describe('Comments: JSON has none, so notes go here.'),
    business: BusinessSchema.default(BusinessSchema.parse({})),
    timeZone: z
      .string()
      .default('UTC')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, { message: 'must be an IANA time zone such as Europe/London' })
      .describe('Decides what "today" is when --as-of is not given.'),
    locale: z.string().default('en').describe('Locale for letters when the customer has no language.'),
    defaultCurrency: currency.optional().describe('Currency for imported files that name none.'),
    defaultTermsDays: z.number().int().min(0).default(30).describe('Payment terms when a file has no due date.'),
    minDaysBetweenContacts: z.number().int().min(0).default(7),
    minimumBalance: z.record(z.string(), decimal).default({}).describe('Per currency: smaller overdue balances are not chased.'),
    stages: z.array(StageSchema).min(1).optional().describe('The escalation ladder, in order; the built-in one when absent.'),
    thankYou: z.boolean().default(true),
    letters: z
      .object({ format: z.enum(['auto', 'html']).default('auto') })
      .strict()
      .default({ format: 'auto' }),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

export function configJsonSchema(): unknown {
  return z.toJSONSchema(ConfigSchema, { io: 'input' });
}
