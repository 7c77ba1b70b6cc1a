import { describe, expect, it } from 'vitest';
import { currencyExponent, formatDecimal, formatMoney, isCurrencyCode, moneyJson, parseDecimal, totalsByCurrency } from '../../src/domain/money.js';

describe('money is integer minor units beside its currency', () => {
  it.each([
    ['1234.56', 'USD', 123456],
    ['1234.5', 'USD', 123450],
    ['7', 'USD', 700],
    ['-182.77', 'GBP', -18277],
    ['10.0000', 'USD', 1000],
    ['12.500', 'USD', 1250],
    ['1500', 'JPY', 1500],
    ['1.234', 'BHD', 1234],
    ['0.10', 'EUR', 10],
    ['0', 'USD', 0],
    ['-0.00', 'USD', 0], // not -0
    ['90071992547409.91', 'USD', 9007199254740991],
  ])('parses %s %s by its digits as %i minor units', (text, currency, minor) => {
    expect(parseDecimal(text, currency)).toEqual({ ok: true, minor });
  });

  it.each([
    ['12.345', 'USD', 'more decimal places than USD allows (2)'],
    ['1.2350', 'USD', 'more decimal places than USD allows (2)'], // only trailing zeros go
    ['1.5', 'JPY', 'more decimal places than JPY allows (0)'],
    ['12,50', 'EUR', 'is not an amount'],
    ['abc', 'USD', 'is not an amount'],
    ['', 'USD', 'is not an amount'],
    ['99999999999999999', 'USD', 'too large'],
  ])('refuses %s %s rather than rounding it', (text, currency, message) => {
    const r = parseDecimal(text, currency);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('knows each currency exponent from Intl: JPY 0, USD 2, BHD 3', () => {
    expect([currencyExponent('JPY'), currencyExponent('USD'), currencyExponent('BHD')]).toEqual([0, 2, 3]);
  });

  it('formats minor units back to decimal text without floats', () => {
    expect(formatDecimal(123456, 'USD')).toBe('1234.56');
    expect(formatDecimal(-5, 'USD')).toBe('-0.05');
    expect(formatDecimal(1500, 'JPY')).toBe('1500');
    expect(formatDecimal(1234, 'BHD')).toBe('1.234');
    expect(formatDecimal(0, 'USD')).toBe('0.00'); // nothing owed has no sign
  });

  it('gives JSON money as currency, minor and amount', () => {
    expect(moneyJson(12345, 'USD')).toEqual({ currency: 'USD', minor: 12345, amount: '123.45' });
  });

  it('never sums amounts of different currencies together', () => {
    expect(
      totalsByCurrency([
        { currency: 'USD', minor: 100 },
        { currency: 'EUR', minor: 50 },
        { currency: 'USD', minor: 25 },
      ]),
    ).toEqual([
      { currency: 'EUR', minor: 50 },
      { currency: 'USD', minor: 125 },
    ]);
  });

  it('formats for people in their locale', () => {
    expect(formatMoney(123456, 'EUR', 'de')).toBe('1.234,56\u00a0€');
    expect(formatMoney(123456, 'GBP', 'en-GB')).toBe('£1,234.56');
  });

  it('accepts ISO 4217 codes only', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('XYZ')).toBe(false);
  });
});
