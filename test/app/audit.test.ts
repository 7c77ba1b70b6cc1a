import { describe, expect, it } from 'vitest';
import { csvCell, summarise } from '../../src/app/audit.js';

describe('audit CSV cells', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+44 117 496 0321', "'+44 117 496 0321"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['Acme, Ltd', '"Acme, Ltd"'],
    ['say "hello"', '"say ""hello"""'],
    ['plain', 'plain'],
  ])('a cell %j is written as %j, shown as text and never evaluated', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves numbers and empty cells alone', () => {
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });
});

describe('what an event says', () => {
  it('a hold with its reason and end date, a payment in decimal, an unknown kind by its data', () => {
    expect(summarise('hold', { reason: 'disputed', until: '2026-03-20' })).toBe('hold placed: disputed (until 2026-03-20)');
    expect(summarise('payment', { minor: 20050, currency: 'GBP', on: '2026-03-01', source: 'import' })).toBe('payment of 200.50 GBP on 2026-03-01 (import)');
    expect(summarise('void', { letter: 7, reason: 'sent to the wrong address' })).toBe('letter=7 reason=sent to the wrong address');
  });
});

describe('what a correction says in the trail', () => {
  it('a voided payment names the payment, its amount, the day it was paid and why', () => {
    expect(summarise('payment-void', { payment: 7, amount: { currency: 'GBP', minor: 10000, amount: '100.00' }, paidOn: '2026-03-02', reason: 'typed twice' })).toBe(
      'payment 7 of 100.00 GBP (paid 2026-03-02) voided: typed twice',
    );
  });
  it('a customer edited by hand says so, with each old and new value', () => {
    expect(summarise('customer-updated', { file: null, changes: { email: { from: 'a@x.example', to: 'b@x.example' } } })).toBe('customer changed by hand: email a@x.example -> b@x.example');
  });
});
