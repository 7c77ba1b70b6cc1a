import { describe, expect, it } from 'vitest';
import { letterAt } from '../../src/domain/chosen-letter.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { account, invoice } from '../helpers.js';

// The desk's letters at a stage the accountant chooses (`dunning draft`), at its edges: what the
// mutation run (docs/testing.md) found untested.
const AS_OF = '2026-03-02';

describe('a letter the accountant chooses at the desk', () => {
  it('is not offered for a customer who owes less than the minimum, whatever the stage chosen', () => {
    const small = invoice({ dueDate: '2026-02-20', amount: 999 });
    const policy = { ...DEFAULT_POLICY, minimumBalance: { GBP: 1000 } };
    expect(letterAt(account([small]), policy, AS_OF, 'second-reminder')).toBeNull();
    expect(letterAt(account([invoice({ dueDate: '2026-02-20', amount: 1000 })]), policy, AS_OF, 'second-reminder')?.stage).toBe('second-reminder');
  });

  it('can thank a customer on hold, by hand, for the one reminded invoice they paid', () => {
    const paid = invoice({ dueDate: '2026-02-01', amount: 5000, paid: 5000, stage: 'reminder', stageOn: '2026-02-10' });
    const letter = letterAt(account([paid], { hold: true }), DEFAULT_POLICY, AS_OF, 'thank-you');
    expect(letter?.stage).toBe('thank-you');
    expect(letter?.thanks.map((i) => i.number)).toEqual(['INV-1']);
  });

  it('can be a courtesy note about the one invoice falling due, even within the contact interval that holds run back', () => {
    const soon = invoice({ dueDate: '2026-03-04' });
    const letter = letterAt(account([soon], { lastContactOn: '2026-02-27' }), DEFAULT_POLICY, AS_OF, 'courtesy');
    expect(letter?.lines.map((l) => l.invoice.number)).toEqual(['INV-1']);
  });
});
