import { beforeEach, expect } from 'vitest';

// Every test asserts something (issue 18): a test that checks nothing fails instead of passing.
beforeEach(() => {
  expect.hasAssertions();
});
