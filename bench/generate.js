// @ts-check
/**
 * A seeded, deterministic generator of canonical invoice CSVs: the same seed and size give the
 * same bytes on every machine, so a benchmark run here can be compared with one run there.
 *
 * The books it writes look like an accountant's client: one customer per ten invoices, two
 * years of history up to the as-of day, most customers paying on time, some late, a few paying
 * in part or not at all, credit notes now and then, several currencies (JPY has no minor unit),
 * accented names, and a tenth of the customers without an email address. On the as-of day
 * about one customer in five is due a letter.
 *
 *   node bench/generate.js --rows 100000 [--seed 42] [--out bench/data/x.csv]
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_AS_OF = '2026-03-02';
export const DEFAULT_SEED = 42;
/** Bump when the generated data changes, so cached files and ledgers are rebuilt. */
export const GENERATOR_VERSION = 1;
export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');
export const CANONICAL_HEADER = 'invoice_number,customer_id,customer_name,email,issue_date,due_date,currency,amount,amount_paid';

/** mulberry32: small, fast and good enough to make books look varied. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'Fernwood', 'Harbour', 'Ashdown', 'Kestrel', 'Millbrook', 'Oakridge', 'Thistle', 'Blackthorn', 'Willow', 'Saltmarsh',
  'Müller', 'Schäfer', 'Köhler', 'Großmann', 'Bäcker', 'Lumière', 'Beaulieu', 'Château', 'Renée', 'Garçon',
  'Peña', 'Núñez', 'Ibáñez', 'Castaño', 'Brightside', 'Northgate', 'Copperleaf', 'Riverside', 'Hillcrest', 'Lakeview',
  'Sakura', 'Fujimoto', 'Tanaka', 'Yamada', "O'Brien", 'McAllister', 'Fitzgerald', 'Van Dijk', 'De Vries', 'Østergaard',
];
const TRADES = [
  'Design', 'Bakery', 'Builders', 'Consulting', 'Joinery', 'Print', 'Catering', 'Studio', 'Garage', 'Florists',
  'Architects', 'Plumbing', 'Café', 'Translations', 'Logistics', 'Software', 'Dental', 'Optics', 'Farm Shop', 'Books',
];
// A legal form carries the customer's country, hence its usual currency and payment terms.
const FORMS = [
  { suffix: 'Ltd', currency: 'GBP', weight: 30 },
  { suffix: 'GmbH', currency: 'EUR', weight: 15 },
  { suffix: 'SARL', currency: 'EUR', weight: 12 },
  { suffix: 'S.L.', currency: 'EUR', weight: 8 },
  { suffix: 'LLC', currency: 'USD', weight: 18 },
  { suffix: 'Inc.', currency: 'USD', weight: 7 },
  { suffix: 'AG', currency: 'CHF', weight: 5 },
  { suffix: 'K.K.', currency: 'JPY', weight: 5 },
];
const EXPONENT = { GBP: 2, EUR: 2, USD: 2, CHF: 2, JPY: 0 };
const TERMS = [14, 30, 30, 30, 45, 60];
const DAY = 86_400_000;

const epochDay = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (day) => new Date(day * DAY).toISOString().slice(0, 10);

function pickWeighted(r, items) {
  const total = items.reduce((a, i) => a + i.weight, 0);
  let x = r() * total;
  for (const i of items) if ((x -= i.weight) < 0) return i;
  return items[items.length - 1];
}

const slug = (s) =>
  s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/** Minor units as decimal text with the currency's digits ("1250.00", JPY "125000"). */
function decimal(minor, currency) {
  const exp = EXPONENT[currency];
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  return exp === 0 ? sign + digits : `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

const csvCell = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * How a customer pays: most on time; late payers leave the last weeks unpaid; partial payers
 * pay half of what is overdue; bad payers stopped paying months ago.
 */
const HABITS = [
  { kind: 'prompt', weight: 74 },
  { kind: 'late', weight: 19 },
  { kind: 'partial', weight: 5 },
  { kind: 'bad', weight: 2 },
];

function makeCustomer(r, i) {
  const form = pickWeighted(r, FORMS);
  const name = `${NAMES[Math.floor(r() * NAMES.length)]} ${TRADES[Math.floor(r() * TRADES.length)]} ${form.suffix}`;
  const id = `C${String(i + 1).padStart(6, '0')}`;
  return {
    id,
    name,
    email: r() < 0.9 ? `accounts@${slug(name)}-${i + 1}.example` : '',
    currency: form.currency,
    // One customer in twenty also buys in US dollars.
    second: r() < 0.05 && form.currency !== 'USD' ? 'USD' : null,
    terms: TERMS[Math.floor(r() * TERMS.length)],
    habit: pickWeighted(r, HABITS).kind,
    // How far back a late payer's unpaid invoices reach.
    lateDays: 30 + Math.floor(r() * 120),
  };
}

/** The rows of a canonical CSV, in issue-date order as an accounting export lists them. */
export function* canonicalRows({ rows, seed = DEFAULT_SEED, asOf = BENCH_AS_OF }) {
  const r = rng(seed);
  const customers = Array.from({ length: Math.max(1, Math.round(rows / 10)) }, (_, i) => makeCustomer(r, i));
  const today = epochDay(asOf);
  const first = today - 730;
  // Spread issue days evenly over two years so the file is already sorted by date.
  for (let n = 0; n < rows; n++) {
    const c = customers[Math.floor(r() * customers.length)];
    const issue = first + Math.floor((n / rows) * 730);
    const due = issue + c.terms;
    const currency = c.second && r() < 0.3 ? c.second : c.currency;
    const scale = currency === 'JPY' ? 100 : 1;
    // Log-uniform between 50 and 20,000 in major units.
    const major = Math.exp(Math.log(50) + r() * Math.log(400));
    let amount = Math.round(major * scale * 10 ** EXPONENT[currency]);
    const credit = r() < 0.01;
    if (credit) amount = -Math.round(amount / 5);
    const overdue = today - due;
    let paid = 0;
    if (!credit && overdue > 0) {
      if (c.habit === 'prompt') paid = amount;
      else if (c.habit === 'late') paid = overdue > c.lateDays ? amount : 0;
      else if (c.habit === 'partial') paid = overdue > 120 ? amount : Math.round(amount / 2);
      else paid = overdue > 200 ? amount : 0;
    } else if (!credit && r() < 0.05) {
      paid = amount; // paid early
    }
    yield [
      `INV-${String(n + 1).padStart(7, '0')}`,
      c.id,
      csvCell(c.name),
      c.email,
      isoOf(issue),
      isoOf(due),
      currency,
      decimal(amount, currency),
      paid > 0 ? decimal(paid, currency) : '',
    ].join(',');
  }
}

/** Where the CSV of `rows` rows lives; the version and seed are in the name. */
export function csvPath(rows, seed = DEFAULT_SEED) {
  return join(DATA_DIR, `canonical-${rows}-s${seed}-v${GENERATOR_VERSION}.csv`);
}

/** Writes the CSV unless it is already there; returns its path. */
export async function ensureCsv(rows, seed = DEFAULT_SEED, path = csvPath(rows, seed)) {
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  const write = (s) => (out.write(s) ? undefined : new Promise((resolve) => out.once('drain', resolve)));
  await write(`${CANONICAL_HEADER}\n`);
  let chunk = [];
  for (const row of canonicalRows({ rows, seed })) {
    chunk.push(row);
    if (chunk.length === 5000) {
      await write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) await write(`${chunk.join('\n')}\n`);
  await new Promise((resolve, reject) => out.end((/** @type {Error|undefined} */ e) => (e ? reject(e) : resolve(undefined))));
  renameSync(tmp, path);
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const rows = Number(arg('rows', '10000'));
  const seed = Number(arg('seed', String(DEFAULT_SEED)));
  const path = await ensureCsv(rows, seed, arg('out', csvPath(rows, seed)));
  process.stdout.write(`${path}\n`);
}
