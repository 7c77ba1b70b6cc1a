import { describe, expect, it } from 'vitest';
import { historySummary, segmentOf, type SegmentRule } from '../../src/domain/segments.js';

const reliable: SegmentRule = { id: 'reliable', minPaidInvoices: 3, minOnTimePercent: 90, maxAverageDaysLate: null, extraGraceDays: 7, stages: null };
const slow: SegmentRule = { id: 'slow', minPaidInvoices: 2, minOnTimePercent: null, maxAverageDaysLate: 30, extraGraceDays: 0, stages: null };

describe('segments by payment history', () => {
  it.each([
    ['10 paid, 9 on time', { paidInvoices: 10, onTime: 9, daysLateTotal: 4 }, 'reliable'],
    ['10 paid, 8 on time', { paidInvoices: 10, onTime: 8, daysLateTotal: 40 }, 'slow'],
    ['2 paid, both on time (too little history to be called reliable)', { paidInvoices: 2, onTime: 2, daysLateTotal: 0 }, 'slow'],
    ['4 paid, 31 days late on average', { paidInvoices: 4, onTime: 0, daysLateTotal: 124 }, null],
    ['4 paid, exactly 30 days late on average (the most the segment allows)', { paidInvoices: 4, onTime: 0, daysLateTotal: 120 }, 'slow'],
    ['101 paid, 90 on time (89.1%, just below the 90% asked)', { paidInvoices: 101, onTime: 90, daysLateTotal: 110 }, 'slow'],
    ['3 paid, all on time (just enough history)', { paidInvoices: 3, onTime: 3, daysLateTotal: 0 }, 'reliable'],
    ['nothing paid yet', { paidInvoices: 0, onTime: 0, daysLateTotal: 0 }, null],
  ])('given %s, the segment is %s', (_, history, expected) => {
    expect(segmentOf(history, [reliable, slow])?.id ?? null).toBe(expected);
  });

  it('a segment that asks for one paid invoice takes a customer who has paid exactly one, on time', () => {
    const oneWillDo: SegmentRule = { ...reliable, id: 'one-will-do', minPaidInvoices: 1 };
    expect(segmentOf({ paidInvoices: 1, onTime: 1, daysLateTotal: 0 }, [oneWillDo])?.id).toBe('one-will-do');
  });

  it('summarises the history for people', () => {
    expect(historySummary({ paidInvoices: 3, onTime: 2, daysLateTotal: 10 })).toEqual({ paidInvoices: 3, onTimePercent: 67, averageDaysLate: 3.3 });
    expect(historySummary({ paidInvoices: 2, onTime: 1, daysLateTotal: 3 }).onTimePercent).toBe(50);
    expect(historySummary(undefined)).toEqual({ paidInvoices: 0, onTimePercent: null, averageDaysLate: null });
  });
});
