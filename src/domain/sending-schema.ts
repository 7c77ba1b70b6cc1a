import { z } from 'zod';

/**
 * `sending` in dunning.config.json: how `dunning send` delivers the drafted .eml letters.
 * The password is never a key here: it comes from DUNNING_SMTP_PASSWORD or `smtp.passwordFile`.
 */
const dayName = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const hours = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, { message: 'must be a span of the day like "09:00-17:00"' })
  .refine((h) => h.slice(0, 5) < h.slice(6), { message: 'must end after it starts, like "09:00-17:00"' });

export const SmtpSchema = z
  .object({
    host: z.string().min(1).describe('The SMTP server: smtp.gmail.com, smtp.office365.com, 127.0.0.1…'),
    port: z.number().int().min(1).max(65535).optional().describe('Default: 465 for tls, 587 for starttls, 25 for none.'),
    secure: z
      .enum(['tls', 'starttls', 'none'])
      .default('starttls')
      .describe('tls: encrypted from the first byte (port 465); starttls: upgraded before login (587); none: only for 127.0.0.1/localhost.'),
    user: z.string().optional().describe('Login name; the password comes from DUNNING_SMTP_PASSWORD or passwordFile.'),
    passwordFile: z.string().optional().describe('A file holding the password, readable by its owner only (chmod 600).'),
  })
  .strict();

export const SendingSchema = z
  .object({
    '//': z.unknown().optional().describe('Comments: JSON has none, so notes go here.'),
    smtp: SmtpSchema,
    from: z.string().optional().describe('From: of the letters sent ("Accounts <accounts@example.com>"); default business.email.'),
    replyTo: z.string().optional().describe('Reply-To: of the letters sent.'),
    bcc: z.string().optional().describe('One archive copy of every message goes here (envelope only; customers never see it).'),
    maxAttempts: z.number().int().min(1).max(20).default(5).describe('A letter refused with a temporary error is tried at most this many times.'),
    maxImportAgeDays: z.number().int().min(0).default(1).describe('send refuses when the newest import is older than this many days before the as-of day.'),
    window: z
      .object({
        days: z.array(dayName).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']).describe('Days letters may go, in the config timeZone.'),
        hours: hours.default('09:00-17:00').describe('Hours letters may go, in the config timeZone.'),
      })
      .strict()
      .default({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '09:00-17:00' }),
    holidays: z
      .string()
      .regex(/^[A-Z]{2}(-[A-Za-z0-9]+){0,2}$/, { message: 'must be a country code like "GB", "DE" or "US-NY"' })
      .optional()
      .describe('Skip the public holidays of this country (and region): "GB", "DE-BY", "US-NY".'),
    perMinute: z.number().int().min(1).optional().describe('At most this many letters a minute (providers limit it).'),
    perDay: z.number().int().min(1).optional().describe('At most this many letters a day; the rest wait for the next day.'),
    attachInvoices: z
      .string()
      .regex(/\{number\}/, { message: 'must contain {number}, like "invoices/{number}.pdf"' })
      .optional()
      .describe('Attach each listed invoice from this path (beside the ledger), like "invoices/{number}.pdf".'),
    digestTo: z.string().optional().describe('Where the morning digest goes after `run --send`.'),
  })
  .strict();

export type SendingConfig = z.infer<typeof SendingSchema>;
