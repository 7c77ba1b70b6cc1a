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
    // Each worker process runs file after file without a fresh start (a start cost ~0.5 s of a
    // core per file, over 100 files). No test mocks modules, stubs globals or changes process.env;
    // the modules they share keep only caches, and the CLI thread (test/helpers.ts) carries over
    // nothing but what a process's next command would also find: files on disk.
    isolate: false,
    testTimeout: 30000,
    hookTimeout: 60000,
  },
});
