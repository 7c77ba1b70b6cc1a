import { describe, expect, it } from 'vitest';
import { allReports, customersReport } from '../../src/app/report.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { customersView } from '../../src/cli/report-view.js';
import { customer, handLedger, invoice, letter, payment } from './ledger.js';

/**
 * The customers report of an earlier day tells the customer's story as it stood that day: the
 * stage their letters had reached by then, not a later one, and no "next action", which only
 * today's ledger can answer.
 */
const [first, second] = ['reminder', 'second-reminder'];


function books() {
  const db = handLedger();
  customer(db, 'acme', 'Acme Ltd');
  customer(db, 'brill', 'Brill GmbH');
  invoice(db, { number: 'A-1', customer: 'acme', issued: '2026-01-01', due: '2026-01-31', currency: 'GBP', minor: 120000 });
  invoice(db, { number: 'B-1', customer: 'brill', issued: '2026-01-05', due: '2026-02-04', currency: 'EUR', minor: 50000 });
  letter(db, 'acme', '2026-02-03', first!, ['A-1']);
  letter(db, 'brill', '2026-02-07', first!, ['B-1']);
  letter(db, 'acme', '2026-02-20', second!, ['A-1']);
  // Brill paid after its first letter, on 25 February.
  payment(db, 'B-1', '2026-02-25', 50000);
  return db;
}

describe('the customers report of an earlier day', () => {
  it('given a reminder to each and a second reminder to Acme on 20 February, on 10 February both stand at the reminder, Brill (who paid later) still owing', () => {
    const r = customersReport(books(), DEFAULT_POLICY, { asOf: '2026-02-10' });
    expect(r.nextActionsKnown).toBe(false);
    expect(r.customers.map((c) => [c.id, c.stage, c.lastContact, c.nextAction])).toEqual([
      ['acme', first, '2026-02-03', null],
      ['brill', first, '2026-02-07', null],
    ]);
    expect(customersView(r)).toContain('Next actions are shown only for a day the ledger has not moved on from');
  });

  it('on 21 February Acme stands at the second reminder; on 26 February Brill has paid and is not listed', () => {
    const db = books();
    expect(customersReport(db, DEFAULT_POLICY, { asOf: '2026-02-21' }).customers.map((c) => [c.id, c.stage])).toEqual([['acme', second], ['brill', first]]);
    expect(customersReport(db, DEFAULT_POLICY, { asOf: '2026-02-26' }).customers.map((c) => [c.id, c.stage])).toEqual([['acme', second]]);
  });

  it('on a day the ledger has not moved on from, the planner gives stage and next action, and the note is not shown', () => {
    const r = customersReport(books(), DEFAULT_POLICY, { asOf: '2026-03-02' });
    expect(r.nextActionsKnown).toBe(true);
    expect(r.customers).toHaveLength(1);
    expect(r.customers[0]!.stage).toBe(second);
    expect(r.customers[0]!.nextAction).not.toBeNull();
    expect(customersView(r)).not.toContain('Next actions are shown only');
  });

  it('a day before a letter, with no payment or import since: the stage is the one reached by that day, and no next action', () => {
    // Only letters are dated after 10 February: the planner, which reads today's stages, cannot answer for that day.
    const db = handLedger();
    customer(db, 'acme', 'Acme Ltd');
    invoice(db, { number: 'A-1', customer: 'acme', issued: '2026-01-01', due: '2026-01-31', currency: 'GBP', minor: 120000, importedOn: '2026-01-01' });
    letter(db, 'acme', '2026-02-03', first!, ['A-1']);
    letter(db, 'acme', '2026-02-20', second!, ['A-1']);
    const r = customersReport(db, DEFAULT_POLICY, { asOf: '2026-02-10' });
    expect(r.nextActionsKnown).toBe(false);
    expect(r.customers.map((c) => [c.id, c.stage, c.lastContact, c.nextAction])).toEqual([['acme', first, '2026-02-03', null]]);
    // On the day of the last letter the ledger has not moved on: the planner answers.
    expect(customersReport(db, DEFAULT_POLICY, { asOf: '2026-02-20' }).nextActionsKnown).toBe(true);
  });

  it("the overview of an earlier day lists the oldest debts with that day's stages and no next action", () => {
    const r = allReports(books(), DEFAULT_POLICY, { asOf: '2026-02-10' }, 5);
    expect(r.customers.nextActionsKnown).toBe(false);
    expect(r.customers.customers.map((c) => [c.id, c.stage, c.nextAction])).toEqual([['acme', first, null], ['brill', first, null]]);
  });
});

