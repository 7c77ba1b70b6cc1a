import type { Customer, InvoiceState } from '../domain/account.js';
import { addDays, daysBetween, type IsoDate } from '../domain/dates.js';
import { percentOf, simpleInterest } from '../domain/fees.js';
import { totalsByCurrency } from '../domain/money.js';
import type { HandoffNotice, PlannedLetter } from '../domain/plan.js';
import { letterContext, toPay, type Business, type FeeLine, type LetterContext, type PlanView } from './context.js';

/** The day samples are seen on: pinned, so checks and golden files never depend on today. */
export const SAMPLE_AS_OF: IsoDate = '2026-03-02';

export const SAMPLE_BUSINESS: Business = {
  name: 'Fernwood Design Studio',
  address: '12 Orchard Lane\nStroud GL5 1AA',
  email: 'accounts@fernwood.example',
  phone: '+44 1453 555010',
  website: 'fernwood.example',
  paymentInstructions: 'bank transfer to Fernwood Design Studio, sort code 12-34-56, account 12345678, quoting the invoice number.',
  signatory: 'Jo Fernwood',
};

/** What a template is for, which decides the letter a sample turns into. */
export type TemplateKind = 'collection' | 'final' | 'thank-you' | 'handoff' | 'plan';

interface Sample {
  name: string;
  customer: Customer;
  invoices: InvoiceState[];
  fees?: boolean;
  plan?: boolean;
  personalNote?: string;
}

function inv(number: string, customerId: string, dueDate: IsoDate, currency: string, amount: number, paid = 0): InvoiceState {
  return { number, customerId, issueDate: addDays(dueDate, -30), dueDate, currency, amount, paid, balance: amount - paid, stage: null, stageOn: null, thanked: false, hold: false };
}

const acme: Customer = { id: 'acme', name: 'Acme Ltd', email: 'ap@acme.example', language: null, address: '4 Mill Road\nBristol BS1 4AA', phone: '+44 117 555 0101' };

/**
 * Accounts every template is rendered against by `templates check`: the shapes of debt a real
 * book holds. The last one fills every optional field, so the check sees every name a template
 * may use (fees, a missed plan, thanks, a personal note).
 */
export const SAMPLES: Sample[] = [
  { name: 'one invoice', customer: acme, invoices: [inv('INV-1001', 'acme', '2026-02-10', 'GBP', 120000)] },
  {
    name: 'many invoices',
    customer: acme,
    invoices: ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16'].map((d, i) =>
      inv(`INV-10${10 + i}`, 'acme', d, 'EUR', 31050 + i * 1000),
    ),
  },
  {
    name: 'two currencies',
    customer: acme,
    invoices: [inv('INV-1020', 'acme', '2026-02-01', 'EUR', 123456), inv('INV-1021', 'acme', '2026-02-12', 'USD', 98000), inv('INV-1022', 'acme', '2026-02-14', 'JPY', 150000)],
  },
  { name: 'partial payment', customer: acme, invoices: [inv('INV-1030', 'acme', '2026-02-05', 'GBP', 250000, 100000)] },
  { name: 'credit note', customer: acme, invoices: [inv('INV-1040', 'acme', '2026-02-03', 'GBP', 80000), inv('CN-0007', 'acme', '2026-02-01', 'GBP', -15000)] },
  {
    name: 'long names with accents',
    customer: {
      id: 'etablissements-lefevre',
      name: 'Établissements Lefèvre & Fils – Société d’Équipements Électroniques Zoë Müller-Łukasiewicz',
      email: 'comptabilité@lefèvre.example',
      language: null,
      address: 'Zone d’activité des Côtes-d’Armor, bâtiment Ä\n22000 Saint-Brieuc Cédex\nFrance',
      phone: null,
    },
    invoices: [inv('FA-2026-000123', 'etablissements-lefevre', '2026-02-08', 'EUR', 4567890)],
  },
  {
    name: 'no email',
    customer: { id: 'bakery', name: 'The Corner Bakery', email: null, language: null, address: '1 High Street\nStroud', phone: null },
    invoices: [inv('INV-1050', 'bakery', '2026-02-15', 'GBP', 8000)],
  },
  {
    name: 'fees, a missed plan and a personal note',
    customer: acme,
    invoices: [inv('INV-1060', 'acme', '2026-01-15', 'GBP', 300000, 50000), inv('INV-1061', 'acme', '2026-02-01', 'EUR', 45000), inv('CN-0008', 'acme', '2026-01-20', 'GBP', -2000)],
    fees: true,
    plan: true,
    personalNote: 'Jo here – I hope the move to the new office went well.',
  },
];

/** A payment plan of three instalments over the totals; the first paid, the second missed. */
function samplePlan(totals: { currency: string; minor: number }[], asOf: IsoDate, missed: boolean): PlanView {
  const installments: PlanView['installments'] = [];
  for (const t of totals) {
    const part = Math.floor(t.minor / 3);
    for (let i = 0; i < 3; i++) {
      const dueOn = addDays(asOf, (i - 1) * 30);
      installments.push({ seq: installments.length + 1, dueOn, currency: t.currency, minor: i < 2 ? part : t.minor - 2 * part, paid: i === 0 });
    }
  }
  return { installments, missed };
}

/** A percentage fee, statutory interest since the due date and the UK compensation, worked out as `run` would. */
function sampleFees(invoices: InvoiceState[], asOf: IsoDate): FeeLine[] {
  const i = invoices.find((x) => x.amount > 0)!;
  const days = daysBetween(i.dueDate, asOf);
  const base = { invoiceNumber: i.number, currency: i.currency, rateBp: null, baseMinor: null, days: null, through: null, law: null };
  return [
    { ...base, kind: 'fee', description: 'Late payment fee: 2.5%', minor: percentOf(i.balance, 250), rateBp: 250, baseMinor: i.balance },
    { ...base, kind: 'interest', description: 'Statutory interest at 12.25% a year', minor: simpleInterest(i.balance, 1225, days), rateBp: 1225, baseMinor: i.balance, days, through: asOf, law: 'uk' },
    { ...base, kind: 'compensation', description: 'Fixed compensation for late payment', minor: 7000, law: 'uk' },
  ];
}

/** A hand-off's history as the cover note tells it: letters, a phone call with its note. */
const SAMPLE_HANDOFF: HandoffNotice = {
  contacts: [
    { on: '2026-01-18', what: 'reminder', channel: 'email', notes: null },
    { on: '2026-01-22', what: 'note', channel: 'phone', notes: 'Promised to pay by the end of the month' },
    { on: '2026-02-01', what: 'second reminder', channel: 'email', notes: null },
  ],
  forced: true,
  reached: 'second reminder',
  partlyPaid: true,
  arrangement: false,
};

/** The letter context a template of `kind` sees for a sample account. */
export function sampleContext(sample: Sample, kind: TemplateKind, stage: string, locale = 'en', asOf = SAMPLE_AS_OF): LetterContext {
  const open = sample.invoices.filter((i) => i.amount > 0);
  const credits = sample.invoices.filter((i) => i.amount < 0);
  const thanks = kind === 'thank-you' ? open.map((i) => ({ ...i, paid: i.amount, balance: 0 })) : sample.fees ? [inv('INV-0999', 'acme', '2026-01-02', 'GBP', 42000, 42000)] : [];
  const lines = kind === 'thank-you' ? [] : open.map((invoice) => ({ invoice, stageAfter: stage, climbs: true }));
  const currencies = new Set(open.map((i) => i.currency));
  const letter: PlannedLetter = {
    customerId: sample.customer.id,
    stage,
    template: stage,
    channel: sample.customer.email ? 'email' : 'letter',
    lines,
    credits: kind === 'thank-you' ? [] : credits.filter((c) => currencies.has(c.currency)),
    thanks,
    total: kind === 'thank-you' ? totalsByCurrency(thanks.map((t) => ({ currency: t.currency, minor: t.amount }))) : totalsByCurrency([...open, ...credits].map((i) => ({ currency: i.currency, minor: i.balance }))),
  };
  const context = letterContext(letter, sample.customer, SAMPLE_BUSINESS, asOf, locale, sample.personalNote ?? null);
  if (sample.fees && kind !== 'thank-you') {
    context.fees = sampleFees(open, asOf);
    context.feeTotals = totalsByCurrency(context.fees);
    context.toPay = toPay(context.totals, context.feeTotals);
  }
  if (kind === 'handoff') context.handoff = SAMPLE_HANDOFF;
  if (kind === 'plan' || sample.plan) context.plan = samplePlan(letter.total, asOf, kind !== 'plan' && Boolean(sample.plan));
  return context;
}

/** A context where every list has an entry and every option is set: the names a template may use. */
export function fullContext(): LetterContext {
  const full = sampleContext(SAMPLES[SAMPLES.length - 1]!, 'collection', 'reminder');
  full.customer = { ...full.customer, language: 'en' };
  full.handoff = SAMPLE_HANDOFF;
  return full;
}
