import { describe, expect, it } from 'vitest';
import { chargesFor, formatPercent, parsePercent, percentOf, simpleInterest, statutoryCompensation, type FeePolicy } from '../../src/domain/fees.js';
import { invoice } from '../helpers.js';

describe('the arithmetic of fees and interest', () => {
  it('writes a rate as a person would: 2.5%, 12.25%, 8%', () => {
    expect([250, 1225, 800, 1205, 5].map(formatPercent)).toEqual(['2.5%', '12.25%', '8%', '12.05%', '0.05%']);
  });

  it('reads percentages by their digits', () => {
    expect(parsePercent('8')).toBe(800);
    expect(parsePercent('4.25')).toBe(425);
    expect(parsePercent('0.5')).toBe(50);
    expect(parsePercent('4.255')).toBeNull();
    expect(parsePercent('-1')).toBeNull();
  });

  it('rounds every charge down to the minor unit, once', () => {
    // £1,234.56 at 12% for 30 days: 123456 × 1200 × 30 / 3,650,000 = 1217.65… → 1217
    expect(simpleInterest(123456, 1200, 30)).toBe(1217);
    // 2.5% of 99.99 = 2.49975 → 2.49
    expect(percentOf(9999, 250)).toBe(249);
    expect(simpleInterest(100000, 1200, 0)).toBe(0);
  });

  it("charges a single day's interest: £3,650 at 10% for a day is £1", () => {
    expect(simpleInterest(365000, 1000, 1)).toBe(100);
  });

  it('charges no interest on a credit, nor for days before the due date', () => {
    expect(simpleInterest(-100000, 1200, 30)).toBe(0);
    expect(simpleInterest(100000, 1200, -5)).toBe(0);
  });

  it('charges interest on a balance of a single minor unit like any other: a penny for ten years at 10% is a penny', () => {
    expect(simpleInterest(1, 1000, 3650)).toBe(1);
    expect(simpleInterest(0, 1000, 3650)).toBe(0);
  });

  it('stays exact for sums past 2^53 once multiplied out', () => {
    // 9 trillion minor units at 12.5% for 3650 days: the product needs BigInt.
    expect(simpleInterest(9_000_000_000_000, 1250, 3650)).toBe(11_250_000_000_000);
  });

  it.each([
    ['uk', 'GBP', 99999, 4000],
    ['uk', 'GBP', 100000, 7000],
    ['uk', 'GBP', 999999, 7000],
    ['uk', 'GBP', 1000000, 10000],
    ['uk', 'EUR', 50000, null],
    ['eu', 'EUR', 5000000, 4000],
    ['eu', 'GBP', 5000, null],
  ] as const)('%s compensation on %s %d is %s', (regime, currency, debt, expected) => {
    expect(statutoryCompensation(regime, currency, debt)).toBe(expected);
  });
});

describe('charges with a letter', () => {
  const ukFees: FeePolicy = {
    stages: { 'second-reminder': { fixed: { GBP: 1500 }, percentBp: null }, 'final-notice': { fixed: null, percentBp: 200 } },
    statutory: { regime: 'uk', referenceRateBp: 400, fromStage: 'final-notice', compensation: true },
  };
  const late = invoice({ number: 'A-1', dueDate: '2026-01-31', amount: 120000 });

  it('charges nothing when fees are off', () => {
    expect(chargesFor(late, 'final-notice', true, null, [], '2026-03-02')).toEqual([]);
  });

  it('charges no line for a fixed fee of 0, and a fixed fee of a single penny as it is', () => {
    const fixed = (minor: number): FeePolicy => ({ stages: { 'second-reminder': { fixed: { GBP: minor }, percentBp: null } }, statutory: null });
    expect(chargesFor(late, 'second-reminder', false, fixed(0), [], '2026-02-14')).toEqual([]);
    expect(chargesFor(late, 'second-reminder', false, fixed(1), [], '2026-02-14').map((f) => [f.kind, f.minor])).toEqual([['fee', 1]]);
  });

  it('charges a percentage fee of 0.01%: £10,000 at 0.01% is £1', () => {
    const tiny: FeePolicy = { stages: { 'final-notice': { fixed: null, percentBp: 1 } }, statutory: null };
    expect(chargesFor({ ...late, amount: 1_000_000, balance: 1_000_000 }, 'final-notice', false, tiny, [], '2026-03-02').map((f) => [f.kind, f.minor])).toEqual([['fee', 100]]);
  });

  it('writes no fee line when a percentage fee comes to less than a penny (2% of 49p)', () => {
    const percent: FeePolicy = { stages: { 'final-notice': { fixed: null, percentBp: 200 } }, statutory: null };
    expect(chargesFor({ ...late, amount: 49, balance: 49 }, 'final-notice', false, percent, [], '2026-03-02')).toEqual([]);
    expect(chargesFor({ ...late, amount: 50, balance: 50 }, 'final-notice', false, percent, [], '2026-03-02').map((f) => [f.kind, f.minor])).toEqual([['fee', 1]]);
  });

  it('writes an interest line of a single penny (£36.50 at 10% for a day)', () => {
    const tenPercent = { stages: {}, statutory: { ...ukFees.statutory!, referenceRateBp: 200, compensation: false } };
    const dayLate = { ...late, dueDate: '2026-03-01', amount: 3650, balance: 3650 };
    expect(chargesFor(dayLate, 'final-notice', true, tenPercent, [], '2026-03-02').map((f) => [f.kind, f.minor])).toEqual([['interest', 1]]);
  });

  it('writes no interest line when the interest comes to less than a penny (the compensation is still due)', () => {
    const penny = { ...late, amount: 1, balance: 1 };
    expect(chargesFor(penny, 'final-notice', true, { stages: {}, statutory: ukFees.statutory }, [], '2026-03-02').map((f) => f.kind)).toEqual(['compensation']);
  });

  it('charges a fixed fee in the currencies it names, and none in others', () => {
    expect(chargesFor(late, 'second-reminder', false, ukFees, [], '2026-02-14').map((f) => [f.kind, f.minor])).toEqual([['fee', 1500]]);
    expect(chargesFor({ ...late, currency: 'USD' }, 'second-reminder', false, ukFees, [], '2026-02-14')).toEqual([]);
  });

  it('at the final notice: the percentage fee, interest since the due date, and the £70 compensation', () => {
    const charges = chargesFor(late, 'final-notice', true, ukFees, [], '2026-03-02');
    expect(charges.map((f) => [f.kind, f.minor])).toEqual([
      ['fee', 2400], // 2% of 1,200.00
      ['interest', 1183], // 120000 × 1200 × 30 / 3,650,000 = 1183.56 → 1183
      ['compensation', 7000], // a debt of £1,000 to £9,999.99
    ]);
    expect(charges[0]!.description).toBe('Late payment fee: 2% of £1,200.00');
    expect(charges[1]!.description).toBe('Statutory interest at 12% a year (Bank of England base rate 4% + 8%) on £1,200.00 for 30 days to 2026-03-02');
    expect(charges[1]!.through).toBe('2026-03-02');
    expect(charges[2]!.description).toBe('Fixed compensation for late payment (Late Payment of Commercial Debts (Interest) Act 1998)');
    // What a letter needs to say each charge in its own language.
    expect(charges.map((f) => f.basis)).toEqual([
      { rateBp: 200, baseMinor: 120000, days: null, law: null },
      { rateBp: 1200, baseMinor: 120000, days: 30, law: 'uk' },
      { rateBp: null, baseMinor: null, days: null, law: 'uk' },
    ]);
  });

  it('charges the compensation at the final notice to an invoice already charged a fee at the second reminder (the fee is not the compensation)', () => {
    const earlier = chargesFor(late, 'second-reminder', false, ukFees, [], '2026-02-14');
    const charges = chargesFor(late, 'final-notice', true, ukFees, earlier, '2026-03-02');
    expect(charges.map((f) => f.kind)).toEqual(['fee', 'interest', 'compensation']);
  });

  it('names the EU directive for the compensation under the EU regime', () => {
    const euFees: FeePolicy = { stages: {}, statutory: { regime: 'eu', referenceRateBp: 400, fromStage: 'final-notice', compensation: true } };
    const charges = chargesFor({ ...late, currency: 'EUR' }, 'final-notice', true, euFees, [], '2026-03-02');
    expect(charges.find((f) => f.kind === 'compensation')?.description).toBe('Fixed compensation for late payment (Directive 2011/7/EU)');
  });

  it('never charges the same invoice twice for a stage, and charges later interest only from where the last stopped', () => {
    const first = chargesFor(late, 'final-notice', true, ukFees, [], '2026-03-02');
    expect(chargesFor(late, 'final-notice', true, ukFees, first, '2026-03-10')).toEqual([]);
    const later = chargesFor(late, 'handoff', true, ukFees, first, '2026-03-16');
    expect(later.map((f) => [f.kind, f.minor])).toEqual([['interest', 552]]); // 14 more days; compensation only once
  });
});
