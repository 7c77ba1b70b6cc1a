import { describe, expect, it } from 'vitest';
import { planAccount } from '../../src/domain/plan.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { account, invoice } from '../helpers.js';

const AS_OF = '2026-03-02';

describe('what a letter asks for', () => {
  it('duns a partly paid invoice for its balance, not its original amount', () => {
    const partly = invoice({ dueDate: '2026-02-20', amount: 120000, paid: 45000 });
    const d = planAccount(account([partly]), DEFAULT_POLICY, AS_OF);
    if (!d || !('letter' in d)) throw new Error('expected a letter');
    expect(d.letter.total).toEqual([{ currency: 'GBP', minor: 75000 }]);
    expect(d.letter.lines[0]!.invoice.balance).toBe(75000);
  });

  it('leaves alone a customer contacted 3 days ago, even with an invoice newly overdue', () => {
    const d = planAccount(account([invoice({ dueDate: '2026-02-25' })], { lastContactOn: '2026-02-27' }), DEFAULT_POLICY, AS_OF);
    expect(d).toEqual({ skip: { customerId: 'acme', reason: 'min-interval' } });
  });

  it('has nothing to say to a customer who has paid everything and was never reminded', () => {
    const paid = invoice({ dueDate: '2026-01-20', paid: 100000 });
    expect(planAccount(account([paid]), DEFAULT_POLICY, AS_OF)).toBeNull();
  });

  it('asks nothing of a customer whose credit note covers what is overdue', () => {
    const owed = invoice({ number: 'INV-7', dueDate: '2026-02-20', amount: 30000 });
    const credit = invoice({ number: 'CN-2', dueDate: '2026-02-01', amount: -30000 });
    const d = planAccount(account([owed, credit]), DEFAULT_POLICY, AS_OF);
    expect(d && 'letter' in d).toBe(false);
  });
});
