// @ts-check
/**
 * The input of the bare letter loop: for each letter `dunning run` would draft on a ledger,
 * everything needed to write it (template, language, the Handlebars context, file name,
 * recipient), computed outside the clock with dunning's own planner, so that both sides of the
 * ratio write the same letters.
 *
 *   node bench/lib/letters-input.js LEDGER AS_OF OUT.json [CONFIG]
 *
 * CONFIG is the config `dunning run` reads beside the ledger (default: bench/lib/business.config.json).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [db, asOf, out, configPath = fileURLToPath(new URL('business.config.json', import.meta.url))] = process.argv.slice(2);
const dist = new URL('../../dist/', import.meta.url);
const { openLedger } = await import(new URL('ledger/open.js', dist).href);
const { loadAccounts } = await import(new URL('ledger/accounts.js', dist).href);
const { planRun } = await import(new URL('domain/plan.js', dist).href);
const { loadConfig } = await import(new URL('app/config.js', dist).href);
const { letterLocale } = await import(new URL('app/outbox.js', dist).href);
const { letterContext } = await import(new URL('letters/context.js', dist).href);
const { letterFileStem } = await import(new URL('letters/write.js', dist).href);

const ledger = openLedger(db, { create: false });
const loaded = await loadConfig(configPath);
const accounts = loadAccounts(ledger, asOf);
const byId = new Map(accounts.map((a) => [a.customer.id, a.customer]));
const plan = planRun(accounts, loaded.policy, asOf);
const letters = plan.letters.map((letter, n) => {
  const customer = byId.get(letter.customerId);
  const { locale, lang } = letterLocale(customer.language, loaded.config.locale);
  return {
    lang,
    template: letter.template,
    stem: letterFileStem(n + 1, customer.name, letter.stage),
    to: letter.channel === 'email' ? { name: customer.name, email: customer.email } : null,
    context: letterContext(letter, customer, loaded.business, asOf, locale),
  };
});
writeFileSync(out, JSON.stringify({ asOf, business: loaded.business, letters }));
ledger.close();
process.stdout.write(`${letters.length}\n`);
