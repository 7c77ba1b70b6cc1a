import type { Command } from 'commander';
import { cliContext } from '../context.js';
import { examples } from '../help.js';
import { table } from '../output.js';

export function definePayment(program: Command): void {
  const payment = program
    .command('payment')
    .description('see and put right recorded payments')
    .addHelpText(
      'before',
      examples([
        ['dunning payment list acme', "Acme's payments, with the ids to put one right"],
        ['dunning payment void 17 --reason "typed twice"', 'payment 17 stops counting and stays in the history'],
      ]),
    );

  payment
    .command('list')
    .description('every payment of a customer or an invoice (or of the whole ledger), voided ones marked')
    .argument('[target]', 'a customer id or an invoice number')
    .addHelpText(
      'before',
      examples([
        ['dunning payment list acme', "all of Acme's payments, with their ids"],
        ['dunning payment list INV-1042 --json', 'one invoice, for scripts'],
      ]),
    )
    .action(async (target: string | undefined, _opts: unknown, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { paymentList } = await import('../../app/payment.js');
      const db = await ctx.openLedger({ create: false });
      try {
        const r = paymentList(db, target);
        if (ctx.out.json) ctx.out.printJson(r);
        else if (r.payments.length === 0) ctx.out.info('No payments recorded.');
        else
          ctx.out.data(
            table([
              ['id', 'invoice', 'paid on', 'amount', 'reference', 'source', ''],
              ...r.payments.map((p) => [
                String(p.id),
                p.invoice,
                p.paidOn,
                `${p.amount.amount} ${p.amount.currency}`,
                p.reference ?? '',
                p.kind === 'payment' ? p.source : `${p.source} (${p.kind})`,
                p.void ? `VOID ${p.voidedOn}: ${p.voidReason}` : '',
              ]),
            ]),
          );
      } finally {
        db.close();
      }
    });

  payment
    .command('void')
    .description('undo a payment typed twice or put on the wrong invoice: it stops counting and stays in the history, marked void')
    .argument('<id>', 'the payment id (`dunning payment list` shows it)')
    .requiredOption('--reason <text>', 'why, for the audit trail')
    .addHelpText('before', examples([['dunning payment void 17 --reason "typed twice"', 'payment 17 no longer counts']]))
    .action(async (id: string, opts: { reason: string }, cmd: Command) => {
      const ctx = await cliContext(cmd);
      const { paymentVoid } = await import('../../app/payment.js');
      const moment = await ctx.moment();
      const db = await ctx.openLedger({ create: false });
      try {
        const r = await paymentVoid(db, moment, { id, reason: opts.reason });
        if (ctx.out.json) ctx.out.printJson(r);
        else
          ctx.out.info(
            `Voided payment ${r.payment.id}: ${r.payment.amount.amount} ${r.payment.amount.currency} on ${r.payment.invoice} (${r.payment.customer}), paid ${r.payment.paidOn}. ` +
              `Now open on ${r.payment.invoice}: ${r.balance.amount} ${r.balance.currency}.`,
          );
      } finally {
        db.close();
      }
    });
}
