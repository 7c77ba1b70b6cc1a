import { describe, expect, it } from 'vitest';
import { planAccount } from '../../src/domain/plan.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { account, invoice } from '../helpers.js';

// Which invoices a letter lists: found untested by the mutation run (docs/testing.md).
describe('the invoices a reminder lists', () => {
  it('given one invoice 10 days late and another falling due today, the reminder lists only the late one: due today is not late', () => {
    const late = invoice({ number: 'L-1', dueDate: '2026-02-20' });
    const dueToday = invoice({ number: 'T-1', dueDate: '2026-03-02' });
    const d = planAccount(account([late, dueToday]), DEFAULT_POLICY, '2026-03-02');
    expect(d && 'letter' in d ? d.letter.lines.map((l) => l.invoice.number) : d).toEqual(['L-1']);
  });

  it('given one invoice 10 days late and another a day late, the reminder lists both, the second as also open', () => {
    const late = invoice({ number: 'L-1', dueDate: '2026-02-20' });
    const dayLate = invoice({ number: 'D-1', dueDate: '2026-03-01' });
    const d = planAccount(account([late, dayLate]), DEFAULT_POLICY, '2026-03-02');
    expect(d && 'letter' in d ? d.letter.lines.map((l) => [l.invoice.number, Boolean(l.also)]) : d).toEqual([
      ['L-1', false],
      ['D-1', true],
    ]);
  });

  it('lists invoices due the same day by their number', () => {
    const b = invoice({ number: 'B-2', dueDate: '2026-02-20' });
    const a = invoice({ number: 'A-1', dueDate: '2026-02-20' });
    const c = invoice({ number: 'C-3', dueDate: '2026-02-20' });
    const d = planAccount(account([b, c, a]), DEFAULT_POLICY, '2026-03-02');
    expect(d && 'letter' in d ? d.letter.lines.map((l) => l.invoice.number) : d).toEqual(['A-1', 'B-2', 'C-3']);
  });
});
