// No infra global setup: these suites own their broker and database servers, because they stop and restart them.
import { jestConfig } from '../libs/testing/jest-preset.js';
export default {
  ...jestConfig(import.meta.dirname),
  testMatch: ['<rootDir>/test/**/*.faults.test.ts'],
  testTimeout: 300_000,
  maxWorkers: 1,
};
