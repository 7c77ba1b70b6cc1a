import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';

export function defineCustomer(program: Command): void {
  const customer = program
    .command('customer')
    .description("edit a customer's contact details")
    .addHelpText(
      'before',
      examples([
        ['dunning customer set acme --email accounts@acme.example', 'letters go to the new address from now on'],
        ['dunning customer set acme --contact-name "Sam Patel"', 'letters open "Dear Sam Patel,"'],
      ]),
    );

  customer
    .command('set')
    .description("change a customer's name, email, address, phone, language or contact name (an empty value clears it)")
    .argument('<id>', 'the customer id')
    .option('--name <name>', "the customer's name")
    .option('--email <address>', 'where letters are emailed')
    .option('--address <address>', 'the postal address, for printed letters')
    .option('--phone <phone>', 'a phone number')
    .option('--language <code>', 'the language of their letters: en, fr, de, es')
    .option('--contact-name <name>', 'the person to write to ("Dear Ms Okafor")')
    .addHelpText(
      'before',
      examples([
        ['dunning customer set acme --email accounts@acme.example', 'a new email address'],
        ['dunning customer set acme --contact-name "Sam Okafor" --language fr', 'who to write to, and in French'],
        ['dunning customer set acme --phone ""', 'clear the phone number'],
      ]),
    )
    .action(async (id: string, opts: Record<string, string | undefined>, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { customerSet } = await import('../../app/customer.js');
      const moment = await ctx.moment();
      const db = await ctx.openLedger({ create: false });
      try {
        const r = await customerSet(db, moment, {
          customer: id,
          name: opts.name,
          email: opts.email,
          address: opts.address,
          phone: opts.phone,
          language: opts.language,
          contactName: opts.contactName,
        });
        if (ctx.out.json) ctx.out.printJson(r);
        else {
          const changed = Object.entries(r.changes);
          if (changed.length === 0) ctx.out.info(`${r.customer.id}: nothing changed (the ledger already holds those details).`);
          else ctx.out.info(`${r.customer.id}: ${changed.map(([f, c]) => `${f} ${c.from ?? '(none)'} -> ${c.to ?? '(none)'}`).join('; ')}.`);
        }
      } finally {
        db.close();
      }
    });
}
