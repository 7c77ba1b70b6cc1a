import type { LoadedConfig } from '../app/config.js';
import { deskEntries, engineView, stageOptions, suggestedStage, type StageOption } from '../app/desk.js';
import { lastContactId } from '../ledger/contacts.js';
import { findCustomer } from '../ledger/customers.js';
import { writeDraft } from '../app/draft.js';
import { Outbox, type DraftedLetter } from '../app/outbox.js';
import type { Moment, Workspace } from '../app/workspace.js';
import { UsageError } from '../domain/errors.js';
import { EventLog } from '../ledger/events.js';
import type { Ledger } from '../ledger/open.js';
import { accountView, letterPreview, moneyList, pickerLine, type DeskOutput } from './desk-view.js';
import * as prompts from './prompts.js';

/** What an interactive desk command works with: the ledger, the day, and somewhere to print. */
export interface DeskSession {
  db: Ledger;
  ws: Workspace;
  loaded: LoadedConfig;
  moment: Moment;
  out: DeskOutput;
  /** --yes: take the final "write it?" as answered yes. */
  yes: boolean;
}

function stageChoice(o: StageOption, suggested: string | null) {
  const skips = o.skips.length > 0 ? `  (skips ${[...new Set(o.skips.flatMap((s) => s.skipped))].join(', ')})` : '';
  return {
    value: o.stage,
    name: `${o.stage}${o.stage === suggested ? '  (suggested)' : ''}${skips}`,
    description: `${o.letter.lines.length || o.letter.thanks.length} invoice(s), ${moneyList(o.letter.total)}`,
  };
}

/**
 * `dunning draft`: pick a customer (the most overdue first), see the account, choose the stage
 * (the engine's suggestion preselected), add a personal paragraph, preview, then confirm, edit
 * again or cancel. Only a confirmation writes, through the same Outbox as `run`.
 */
export async function draftFlow(s: DeskSession, customerArg?: string): Promise<(DraftedLetter & { customerId: string }) | null> {
  const { db, loaded, moment, out } = s;
  const { policy } = loaded;
  const entries = deskEntries(db, policy, moment.asOf);
  let customerId = customerArg;
  if (customerId === undefined) {
    if (entries.length === 0) {
      out.info('Nobody owes anything: there is no letter to draft. (Load invoices with `dunning import FILE`.)');
      return null;
    }
    customerId = await prompts.searchList(
      'Customer (type to search; the most overdue first)',
      entries.map((e) => ({ value: e.account.customer.id, name: pickerLine(e) })),
    );
  }
  const entry = entries.find((e) => e.account.customer.id === customerId);
  if (!entry) {
    const known = findCustomer(db, customerId) !== undefined;
    throw new UsageError(known ? `${customerId} owes nothing today: there is no letter to draft` : `${customerId}: no such customer (\`dunning status\` lists them by id)`);
  }
  const { customer } = entry.account;
  out.data(accountView(entry, moment.asOf, engineView(entry)));
  const options = stageOptions(entry.account, policy, moment.asOf);
  if (options.length === 0) {
    out.info(`No letter can be written to ${customer.name} today: nothing is overdue, due soon or to thank them for.`);
    return null;
  }
  const d = entry.decision;
  if (d && 'skip' in d && d.skip.reason !== 'below-minimum') out.warn(`${customer.name}: ${engineView(entry)}; a letter now goes against that`);
  if (!customer.email && !customer.address) out.warn(`${customer.name} has no email and no address: the letter will be a page with no one to send it to`);

  const seen = lastContactId(db, customer.id);
  const outbox = new Outbox(db, s.ws, loaded, moment, new EventLog(db, moment.stamp));
  const suggested = suggestedStage(entry, options, policy);
  let stage = suggested ?? options[0]!.stage;
  let note = '';
  for (;;) {
    stage = await prompts.choose('Stage of the letter', options.map((o) => stageChoice(o, suggested)), stage);
    const option = options.find((o) => o.stage === stage)!;
    const bySkipped = new Map<string, string[]>();
    for (const skip of option.skips) bySkipped.set(skip.skipped.join(', '), [...(bySkipped.get(skip.skipped.join(', ')) ?? []), skip.invoice]);
    for (const [skipped, invoices] of bySkipped) {
      out.warn(`${option.stage} skips ${skipped} for ${invoices.join(', ')}; \`run\` climbs one step at a time`);
    }
    note = await prompts.text('Personal paragraph (optional; Enter for none)', note);
    const rendered = outbox.render(option.letter, customer, note || null);
    out.data(letterPreview(option.letter, rendered, customer.email ?? customer.name));
    const next = s.yes
      ? 'confirm'
      : await prompts.choose('Write this letter?', [
          { value: 'confirm', name: 'Confirm: write it to the outbox and record it' },
          { value: 'edit', name: 'Edit again: the stage or the personal paragraph' },
          { value: 'cancel', name: 'Cancel: write nothing' },
        ] as const, 'confirm');
    if (next === 'cancel') {
      out.info('Cancelled: nothing was written.');
      return null;
    }
    if (next === 'confirm') {
      const drafted = await writeDraft(db, s.ws, loaded, moment, { customerId: customer.id, stage, personalNote: note || null, seenContact: seen });
      out.info(`Drafted ${drafted.path}`);
      return { ...drafted, customerId: customer.id };
    }
  }
}
