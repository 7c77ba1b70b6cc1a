import { akaunting } from './akaunting.js';
import { canonical } from './canonical.js';
import { freshbooks } from './freshbooks.js';
import { invoice2go } from './invoice2go.js';
import { invoiceninja, invoiceninjaPayments } from './invoiceninja.js';
import type { Preset } from './preset.js';
import { quickbooksDesktopReport, quickbooksImport, quickbooksReport } from './quickbooks.js';
import { sage } from './sage.js';
import { stripe } from './stripe.js';
import { wave } from './wave.js';
import { xero, xeroAgedReceivables } from './xero.js';
import { zoho } from './zoho.js';

export type { Preset } from './preset.js';

/** Every built-in format; --format names one of these names. */
export const PRESETS: Preset[] = [
  canonical, quickbooksImport, quickbooksReport, quickbooksDesktopReport, xero, xeroAgedReceivables, stripe, freshbooks, zoho, wave, invoiceninja, invoiceninjaPayments, sage, akaunting, invoice2go,
];

export const FORMAT_NAMES = [...new Set(PRESETS.map((p) => p.name))];
