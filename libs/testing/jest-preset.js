// Shared jest configuration: native ESM (NestJS 12 is ESM-only), SWC for speed and decorator metadata,
// workspace libs mapped to their sources so tests never need a prior build.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync } from 'node:fs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/**
 * @param {string} projectDir absolute path of the project
 * @param {{ infra?: boolean }} options infra: hand the suites a running Kafka broker and PostgreSQL
 */
export function jestConfig(projectDir, { infra = false } = {}) {
  return {
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    extensionsToTreatAsEsm: ['.ts'],
    transform: { '^.+\\.ts$': ['@swc/jest', swc] },
    moduleNameMapper: {
      '^@estafette/infra$': `${repoRoot}/infra/index.ts`,
      '^@estafette/([a-z-]+)$': `${repoRoot}/libs/$1/src/index.ts`,
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    // The organisation directory of tests (the hosts in test events' datarefs), see test-organisation-directory.ts.
    setupFiles: [`${repoRoot}/libs/testing/src/jest-setup-directory.ts`],
    ...(infra ? infraHooks() : {}),
    testTimeout: 60_000,
    maxWorkers: 2,
  };
}

/** Jest loads global setup outside its module mapping, so it runs the built library. */
function infraHooks() {
  const dist = `${repoRoot}/libs/testing/dist`;
  if (!existsSync(`${dist}/global-setup.js`)) {
    throw new Error('libs/testing is not built: run `npm run build` first, or run tests through `npm test` / `npx nx test <project>`');
  }
  return { globalSetup: `${dist}/global-setup.js`, globalTeardown: `${dist}/global-teardown.js` };
}
