import { describe, expect, it } from 'vitest';
import { arrangementConfirmation } from '../../src/domain/arrangement-letter.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { account, invoice } from '../helpers.js';

// The letter confirming an arrangement (`dunning arrange`): found untested by the mutation run.
describe('the letter confirming an arrangement', () => {
  it('lists each installment as not yet paid, speaks of no missed installment, and moves no invoice up the ladder', () => {
    const late = invoice({ dueDate: '2026-02-01', amount: 30000, stage: 'reminder', stageOn: '2026-02-10' });
    const installments = [
      { seq: 1, dueOn: '2026-03-09', amount: 15000 },
      { seq: 2, dueOn: '2026-04-09', amount: 15000 },
    ];
    const letter = arrangementConfirmation(account([late]), DEFAULT_POLICY, { currency: 'GBP', installments, invoices: ['INV-1'] });
    expect(letter?.arrangement).toEqual({
      installments: [
        { seq: 1, dueOn: '2026-03-09', currency: 'GBP', minor: 15000, paid: false },
        { seq: 2, dueOn: '2026-04-09', currency: 'GBP', minor: 15000, paid: false },
      ],
      missed: false,
    });
    expect(letter?.total).toEqual([{ currency: 'GBP', minor: 30000 }]);
    expect(letter?.lines).toEqual([{ invoice: late, stageAfter: 'reminder', climbs: false }]);
  });

  it('is not written to a customer with neither an email nor a postal address', () => {
    const unreachable = account([invoice({ dueDate: '2026-02-01' })], { customer: { id: 'acme', name: 'Acme Ltd', email: null, language: null, address: null, phone: null } });
    expect(arrangementConfirmation(unreachable, DEFAULT_POLICY, { currency: 'GBP', installments: [], invoices: ['INV-1'] })).toBeNull();
  });
});
