import { defineConfig } from 'vitest/config';

// Three suites, all run by `npm test`: unit (pure code and the Dexie layer on fake-indexeddb),
// integration (the server against real SQLite and PostgreSQL) and e2e (the built app in Debian's Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/helpers/fake-indexeddb.ts'],
          // No time limits on unit tests (QUALITY.md): on a shared 2-core machine the property tests can pass 5 s.
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          // The browser answers in its own time on a loaded machine: every expect.poll waits up to 20 s, not 1 s.
          expect: { poll: { timeout: 20_000 } },
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
