import { z } from 'zod';
import { isCurrencyCode } from './money.js';
import { localeProblem, timeZoneProblem, varyingKeyProblem } from './config-checks.js';
import { SendingSchema } from './sending-schema.js';

/**
 * dunning.config.json: one definition that validates the file and publishes its JSON Schema
 * (schema/dunning.config.schema.json is generated from it), so the two never drift.
 */
const currency = z.string().refine(isCurrencyCode, { message: 'must be an ISO 4217 currency code such as USD, EUR or GBP' });
const decimal = z.string().regex(/^\d+(\.\d+)?$/, { message: 'must be an amount written as text, like "25.00"' });
const percent = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, { message: 'must be a percentage written as text, like "2.5" (at most two decimals)' });
const stageId = z.string().regex(/^[a-z0-9-]+$/, { message: 'must be lower-case letters, digits and dashes, like "final-notice"' });
/** A template is a name inside templates/, never a path: "../../x" would read any file. */
const templateName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'must be a template name inside templates/, like "final-notice" (no folders, no ".hbs")' });
/** Documented bounds: a late fee of at most 25% of the balance; a reference rate of at most 25%. */
export const MAX_FEE_PERCENT = 25;
export const MAX_REFERENCE_RATE = 25;
const boundedPercent = (max: number) =>
  percent.refine((t) => Number(t) <= max, { message: `must be at most "${max}" (percent)` });
/** One text, or texts per language and currency: {"default": …, "fr": …, "EUR": …, "fr EUR": …}. */
const varyingText = (fallback: string) =>
  z.union([z.string(), z.record(z.string(), z.string())]).default(fallback);

export const BusinessSchema = z
  .object({
    name: z.string().default('[Your business name]').describe('Trading name shown on every letter.'),
    address: z.string().default('[Your address]').describe('Postal address; use \\n between lines.'),
    email: z.string().default('').describe('From address of .eml drafts, and where customers reply.'),
    phone: z.string().default('').describe('A number customers can call to talk it over.'),
    website: z.string().default(''),
    paymentInstructions: varyingText('[How to pay: bank details or a payment link]').describe(
      'How to pay: bank details, a payment link. One text, or per language and currency: {"default": …, "fr": …, "EUR": …, "fr EUR": …}.',
    ),
    signatory: varyingText('[Your name]').describe('The person who signs the letters; one text, or per language like paymentInstructions.'),
  })
  .strict();

export const StageSchema = z
  .object({
    id: stageId.describe('Stage id: used in --json output, the ledger and as the template name by default.'),
    daysFromDue: z.number().int().describe('Days after the due date the stage falls due; negative is before it.'),
    minDaysSinceLastContact: z.number().int().min(0).default(0).describe("Days since the invoice's previous stage before it climbs to this one."),
    template: templateName.optional().describe('Template name inside templates/; defaults to the stage id.'),
    action: z.enum(['letter', 'flag']).default('letter').describe('`flag` marks the account for the owner instead of writing.'),
    channel: z
      .enum(['auto', 'email', 'letter'])
      .default('auto')
      .describe('auto: email when the customer has an address, else paper; letter: always a printable letter (e.g. a final notice by post).'),
  })
  .strict();

export const StageFeeSchema = z
  .object({
    fixed: z.record(z.string(), decimal).optional().describe('A fixed fee per currency, as text: {"GBP": "15.00"}.'),
    percent: boundedPercent(MAX_FEE_PERCENT).optional().describe('A percentage of the open balance, as text: "2.5" (at most 25).'),
  })
  .strict();

const comment = z.unknown().optional().describe('Comments: JSON has none, so notes go here.');

export const FeesSchema = z
  .object({
    '//': comment,
    enabled: z.boolean().default(true).describe('Charge the fees below (fees are off when this block is absent).'),
    stages: z.record(stageId, StageFeeSchema).default({}).describe('Per stage id: a fixed or a percentage fee, charged once per invoice with that stage\'s letter.'),
    statutory: z
      .object({
        regime: z.enum(['uk', 'eu']).describe('uk: Late Payment of Commercial Debts (Interest) Act 1998; eu: Directive 2011/7/EU.'),
        referenceRate: boundedPercent(MAX_REFERENCE_RATE).describe('Bank of England base rate (uk) or ECB reference rate (eu), as text: "4.00" (at most 25). 8 points are added.'),
        fromStage: stageId.default('final-notice').describe('Interest is first charged with this stage\'s letter, then with each later letter.'),
        compensation: z.boolean().default(true).describe('Also charge the fixed compensation (uk: £40/£70/£100, GBP; eu: €40, EUR), once per invoice.'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const SegmentSchema = z
  .object({
    '//': comment,
    id: stageId.describe('Segment name, shown in `show`.'),
    minPaidInvoices: z.number().int().min(1).default(3).describe('Judge a customer only after this many paid invoices.'),
    minOnTimePercent: z.number().int().min(0).max(100).optional().describe('At least this share (whole percent) paid on time.'),
    maxAverageDaysLate: z.number().int().min(0).optional().describe('Paid on average at most this many days late.'),
    extraGraceDays: z.number().int().min(0).default(0).describe('Days added before each overdue stage falls due.'),
    stages: z.array(StageSchema).min(1).optional().describe('A ladder of its own for this segment (keep the same stage ids).'),
  })
  .strict();

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    '//': z.unknown().optional().describe('Comments: JSON has none, so notes go here.'),
    business: BusinessSchema.default(BusinessSchema.parse({})),
    timeZone: z.string().default('UTC').describe('An IANA time zone such as Europe/London: decides what "today" is when --as-of is not given.'),
    locale: z.string().default('en').describe('A BCP 47 language tag such as en-GB or fr-FR: letters when the customer has no language.'),
    defaultCurrency: currency.optional().describe('Currency for imported files that name none.'),
    defaultTermsDays: z.number().int().min(0).default(30).describe('Payment terms when a file has no due date.'),
    minDaysBetweenContacts: z.number().int().min(0).default(7).describe('At most one collection contact per customer in this many days.'),
    staleAfterDays: z.number().int().min(1).max(36500).default(365).describe('An invoice already more than this many days overdue when first imported is not chased: it is flagged "stale" for your decision (release --stale or write-off).'),
    minimumBalance: z.record(z.string(), decimal).default({}).describe('Per currency: smaller overdue balances are not chased.'),
    stages: z.array(StageSchema).min(1).optional().describe('The escalation ladder, in order; the built-in one when absent.'),
    thankYou: z.boolean().default(true).describe('Thank customers who pay in full after a reminder.'),
    segments: z.array(SegmentSchema).default([]).describe('Customers grouped by payment history; the first that matches applies.'),
    fees: FeesSchema.optional().describe('Late fees and statutory interest; off when absent.'),
    letters: z
      .object({ format: z.enum(['auto', 'html']).default('auto') })
      .strict()
      .default({ format: 'auto' }),
    sending: SendingSchema.optional().describe('How `dunning send` delivers letters over SMTP; nothing is sent without it.'),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

export interface ConfigProblem {
  path: (string | number)[];
  message: string;
}

/** A ladder's own rules: distinct ids, in order of days from the due date. */
function ladderProblems(stages: Config['stages'], at: (string | number)[]): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  (stages ?? []).forEach((s, i) => {
    if (stages!.findIndex((t) => t.id === s.id) !== i) out.push({ path: [...at, i, 'id'], message: `"${s.id}" appears twice (give each stage its own id)` });
    const prev = stages![i - 1];
    if (prev && s.daysFromDue < prev.daysFromDue) {
      out.push({ path: [...at, i, 'daysFromDue'], message: `stages climb in order: ${s.daysFromDue} comes after "${prev.id}" at ${prev.daysFromDue} (sort the ladder by daysFromDue)` });
    }
  });
  return out;
}

/** Values only Intl can judge (locale, time zone), and the keys of per-language texts. */
function valueProblems(config: Config): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const locale = localeProblem(config.locale);
  if (locale) out.push({ path: ['locale'], message: locale });
  const zone = timeZoneProblem(config.timeZone);
  if (zone) out.push({ path: ['timeZone'], message: zone });
  for (const field of ['paymentInstructions', 'signatory'] as const) {
    const v = config.business[field];
    if (typeof v === 'string') continue;
    for (const key of Object.keys(v)) {
      const problem = varyingKeyProblem(key);
      if (problem) out.push({ path: ['business', field, key], message: problem });
    }
    if (v.default === undefined) out.push({ path: ['business', field], message: 'needs a "default" text for the languages and currencies not listed' });
  }
  return out;
}

/** Checks that span keys: a fee or interest named for a stage the ladder does not have, and so on. */
export function configProblems(config: Config, defaultStageIds: string[]): ConfigProblem[] {
  const out = ladderProblems(config.stages, ['stages']);
  out.push(...valueProblems(config));
  const ids = config.stages?.map((s) => s.id) ?? defaultStageIds;
  const known = `one of ${ids.map((i) => `"${i}"`).join(', ')}`;
  config.segments.forEach((seg, i) => out.push(...ladderProblems(seg.stages, ['segments', i, 'stages'])));
  if (config.fees) {
    for (const [stage, fee] of Object.entries(config.fees.stages)) {
      if (!ids.includes(stage)) out.push({ path: ['fees', 'stages', stage], message: `no stage "${stage}" on the ladder (use ${known})` });
      if ((fee.fixed === undefined) === (fee.percent === undefined)) {
        out.push({ path: ['fees', 'stages', stage], message: 'give either "fixed" (per currency) or "percent", one of the two' });
      }
    }
    const from = config.fees.statutory?.fromStage;
    if (from !== undefined && !ids.includes(from)) out.push({ path: ['fees', 'statutory', 'fromStage'], message: `no stage "${from}" on the ladder (use ${known})` });
  }
  return out;
}

export function configJsonSchema(): unknown {
  return z.toJSONSchema(ConfigSchema, { io: 'input' });
}
