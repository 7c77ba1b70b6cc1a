import type { DeskEntry } from '../app/desk.js';
import { daysOverdue, type IsoDate } from '../domain/dates.js';
import { formatDecimal, type Money } from '../domain/money.js';
import type { PlannedLetter } from '../domain/plan.js';
import type { RenderedLetter } from '../letters/render.js';
import { table } from './output.js';

/** What the desk prints besides its questions: the account, the letter, warnings. */
export interface DeskOutput {
  data(text: string): void;
  info(text: string): void;
  warn(text: string): void;
}

export const moneyList = (list: Money[]) => list.map((m) => `${formatDecimal(m.minor, m.currency)} ${m.currency}`).join(', ') || '0';

/** One line of the customer picker: name, what is owed per currency, days late, stage. */
export function pickerLine(e: DeskEntry): string {
  const late = e.daysLate > 0 ? `${e.daysLate} days late` : 'not yet due';
  return `${e.account.customer.name}  ·  ${moneyList(e.balances)}  ·  ${late}  ·  ${e.stage ?? 'no letter yet'}`;
}

/** The account as the accountant needs it before choosing: every open invoice and where it stands. */
export function accountView(e: DeskEntry, asOf: IsoDate, engine: string): string {
  const c = e.account.customer;
  const rows = e.account.invoices.map((i) => {
    const late = daysOverdue(i.dueDate, asOf);
    return [
      i.number,
      i.dueDate,
      i.balance > 0 && late > 0 ? String(late) : '-',
      `${formatDecimal(i.balance, i.currency)} ${i.currency}`,
      i.balance <= 0 ? (i.amount < 0 ? 'credit' : 'paid') : (i.stage ?? '-'),
      i.hold ? 'on hold' : '',
    ];
  });
  return [
    `${c.name} (${c.id})`,
    `  ${c.email ?? 'no email'}${c.address ? `  ·  ${c.address.replace(/\n/g, ', ')}` : ''}`,
    `  last contact: ${e.account.lastContactOn ?? 'none'}${e.account.hold ? '  ·  ON HOLD' : ''}`,
    '',
    table([['invoice', 'due', 'days late', 'balance', 'stage', ''], ...rows])
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
    '',
    `  ${engine}`,
  ].join('\n');
}

/** The letter as it will be written: subject, recipient and the text part. */
export function letterPreview(letter: PlannedLetter, rendered: RenderedLetter, to: string): string {
  const rule = '─'.repeat(72);
  return [
    rule,
    `To:      ${to} (${letter.channel === 'email' ? '.eml draft' : 'printable .html'})`,
    `Subject: ${rendered.subject}`,
    `Stage:   ${letter.stage}  ·  ${moneyList(letter.total)}`,
    rule,
    rendered.text.trimEnd(),
    rule,
  ].join('\n');
}
