import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every test must assert (test/setup.ts).
    setupFiles: ['test/setup.ts'],
    // One test file per core: most files wait on SQLite, the disk or a loopback server as much as
    // they compute (vitest's default leaves a core idle: 245 s against 153 s on 2 cores).
    maxWorkers: availableParallelism(),
    testTimeout: 30000,
    hookTimeout: 60000,
  },
});
