// Evaluations that are run on demand (npm run eval:reverb), never by `npm test`:
// they time CPU and compare with peers, so they must not gate the test suite.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['eval/**/*.eval.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
