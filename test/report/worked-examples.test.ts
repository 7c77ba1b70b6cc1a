import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cei, ceiRating } from '../../src/report/cei.js';
import { dsoFigures } from '../../src/report/dso.js';
import { tenths } from '../../src/report/ratio.js';

describe('CEI reproduces published worked examples from their stated inputs', () => {
  it('CreditGuru, "Collection Effectiveness Index (CEI)": Jan-Mar, B 6,200, credit sales 10,890 over N = 3, E 6,340, Ec 3,590 -> 55.9%', () => {
    // creditguru.com/index.php/collection-management/collection-metrics/collection-effectiveness-index-cei
    expect(cei({ beginning: 6200_00, sales: 10890_00, ending: 6340_00, endingCurrent: 3590_00, months: 3 })).toBe(55.9);
  });

  it('Gaviti, "Collection Effectiveness Index" glossary: a year, B $100,000, sales $1,000,000, E $120,000, current $100,000 -> 98.0%', () => {
    // gaviti.com/glossary/collection-effectiveness-index-cei/ (the yearly form, S not divided: one period)
    expect(cei({ beginning: 100_000_00, sales: 1_000_000_00, ending: 120_000_00, endingCurrent: 100_000_00 })).toBe(98);
  });

  it('one month: B 1,000, S 500, E 900 of which 300 not yet due -> 600 / 1,200 = 50.0%, which is weak', () => {
    const value = cei({ beginning: 1000_00, sales: 500_00, ending: 900_00, endingCurrent: 300_00 });
    expect(value).toBe(50);
    expect(ceiRating(value)).toBe('weak');
    expect(ceiRating(80)).toBe('strong');
    expect(ceiRating(79.9)).toBe('fair');
  });

  it('has no value when nothing was there to collect', () => {
    expect(cei({ beginning: 0, sales: 2750_00, ending: 2750_00, endingCurrent: 2750_00 })).toBeNull();
  });
});

describe('countback DSO reproduces published worked examples', () => {
  it('Benji Pays, "Mastering DSO Calculation: The Count-Back Method Explained": sales 70,000 / 80,000 / 100,000 in 30-day months, receivables 212,000 -> 60 + 32/70 x 30 = 73.7 days', () => {
    // support.benjipays.com/support/solutions/articles/150000179580 (months of 30 days, as the example counts them)
    const months = [
      { sales: 100_000_00, days: 30 },
      { sales: 80_000_00, days: 30 },
      { sales: 70_000_00, days: 30 },
    ];
    expect(dsoFigures({ ending: 212_000_00, endingCurrent: 0, months }).dso).toBe(73.7);
  });

  it('a quarter in calendar days: receivables 2,000,000 after March 900,000 (31 d), February 700,000 (28 d), January 800,000 (31 d) -> 31 + 28 + 400/800 x 31 = 74.5', () => {
    const months = [
      { sales: 900_000, days: 31 },
      { sales: 700_000, days: 28 },
      { sales: 800_000, days: 31 },
    ];
    // Best possible: 600,000 current / 900,000 x 31 = 20.666.. -> 20.7; delinquent 74.5 - 20.666.. = 53.833.. -> 53.8.
    expect(dsoFigures({ ending: 2_000_000, endingCurrent: 600_000, months })).toEqual({ dso: 74.5, bestPossibleDso: 20.7, averageDaysDelinquent: 53.8 });
  });

  it('is zero when nothing is owed, and unknown when the sales run out before the receivables do', () => {
    expect(dsoFigures({ ending: 0, endingCurrent: 0, months: [{ sales: 100, days: 31 }] }).dso).toBe(0);
    expect(dsoFigures({ ending: 500, endingCurrent: 0, months: [{ sales: 100, days: 31 }] }).dso).toBeNull();
  });
});

describe('rounding to 0.1', () => {
  it('rounds a half tenth away from zero, exactly, whatever the size of the amounts', () => {
    expect(tenths(1n, 20n)).toBe(0.1); // 0.05
    expect(tenths(-1n, 20n)).toBe(-0.1);
    expect(tenths(1n, 3n)).toBe(0.3);
    expect(tenths(10n ** 20n + 5n * 10n ** 17n, 10n ** 19n)).toBe(10.1); // 10.05 at 10^20
    expect(tenths(1n, 0n)).toBeNull();
  });

  it('never differs from the true ratio by more than half a tenth', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (n, d) => {
        const t = tenths(n, d)!;
        // |t*10*d - n*10| <= d/2, compared in integers.
        const diff = BigInt(Math.round(t * 10)) * d - n * 10n;
        expect(2n * (diff < 0n ? -diff : diff) <= d).toBe(true);
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});
