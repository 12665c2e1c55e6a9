import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Most suites wait on database servers and child processes: two files at a time on a
    // 2-core machine take the suite from 17 to 11 minutes.
    maxWorkers: 2,
  },
})
