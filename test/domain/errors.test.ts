import { describe, expect, it } from 'vitest';
import { BusyError, CheckFailed, DunningError, formatProblem, InputError, UsageError } from '../../src/domain/errors.js';
import { keyProblemLines } from '../../src/domain/file-problems.js';

// The exit codes are part of the contract (DESIGN.md); the CLI tests see them only through the
// built CLI, which a mutation of src/ does not reach (docs/testing.md).
describe('what an error exits with', () => {
  it('1 for a failure, 2 for usage, 3 for bad input data, 4 when busy, 5 when a check found problems', () => {
    expect([new DunningError('x'), new UsageError('x'), new InputError('x'), new BusyError('x'), new CheckFailed('x')].map((e) => e.exitCode)).toEqual([1, 2, 3, 4, 5]);
  });

  it('says where bad input is: file:line: column: what is wrong', () => {
    expect(formatProblem({ file: 'invoices.csv', line: 7, column: 'due_date', message: 'is not a date (use YYYY-MM-DD)' })).toBe('invoices.csv:7: due_date: is not a date (use YYYY-MM-DD)');
  });
});

describe('a problem at a key of a JSON file', () => {
  const raw = { staleAfterDays: 0, locale: 'english', business: { name: 'Acme' }, segments: [{ id: 'A' }], fees: null };

  it('names the file and the key, and shows the plain value found', () => {
    expect(
      keyProblemLines('dunning.config.json', raw, [
        { path: ['staleAfterDays'], message: 'must be at least 1' },
        { path: ['locale'], message: 'is not a language tag' },
        { path: ['segments', 0, 'id'], message: 'must be lower-case' },
        { path: ['fees'], message: 'must be an object' },
      ]),
    ).toEqual([
      'dunning.config.json: staleAfterDays: must be at least 1 (found 0)',
      'dunning.config.json: locale: is not a language tag (found "english")',
      'dunning.config.json: segments.0.id: must be lower-case (found "A")',
      'dunning.config.json: fees: must be an object (found null)',
    ]);
  });

  it('shows no value for a missing key, an object or a list (it would only repeat the file), and names the top level', () => {
    expect(
      keyProblemLines('dunning.config.json', raw, [
        { path: ['business', 'address'], message: 'is required' },
        { path: ['business'], message: 'has an unknown key' },
        { path: ['segments'], message: 'is too long' },
        { path: [], message: 'must be an object' },
      ]),
    ).toEqual([
      'dunning.config.json: business.address: is required',
      'dunning.config.json: business: has an unknown key',
      'dunning.config.json: segments: is too long',
      'dunning.config.json: (top level): must be an object',
    ]);
  });
});
