import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(import.meta.dirname, 'fixtures');

/** Cruises the fixture tree with the repository's own rules, as `npm run lint` does on the real tree. */
async function cruiseFixtures(): Promise<ICruiseResult> {
  const config = await extractDepcruiseConfig(path.join(repoRoot, '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(path.join(repoRoot, 'tsconfig.lint.json'));
  const { output } = await cruise(
    ['services', 'libs'],
    // The repository excludes the fixtures from its own run; here they are the subject.
    {
      ...config.options,
      ruleSet: config,
      validate: true,
      baseDir: fixtures,
      exclude: { path: '(^|/)dist/' },
      tsConfig: { fileName: path.join(repoRoot, 'tsconfig.lint.json') },
    },
    undefined,
    { tsConfig },
  );
  return output as ICruiseResult;
}

describe('the layer rules (.dependency-cruiser.cjs)', () => {
  test('report every forbidden import in the fixtures, and only those', async () => {
    const result = await cruiseFixtures();
    const violations = result.summary.violations
      .map((v) =>
        v.rule.name === 'no-circular'
          ? // reported once, at whichever module of the cycle the cruise meets first
            `no-circular: ${[v.from, v.to].sort().join(' <-> ')}`
          : `${v.rule.name}: ${v.from} -> ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`,
      )
      .sort();
    expect(violations).toEqual(
      [
        'domain-no-framework: services/bad/src/domain/rule.ts -> node_modules/@nestjs/common/index.js',
        'domain-no-io: services/bad/src/domain/rule.ts -> fs',
        'domain-no-other-layer: services/bad/src/domain/rule.ts -> services/bad/src/application/use-case.ts',
        'persistence-not-application: services/bad/src/persistence/store.ts -> services/bad/src/application/use-case.ts',
        'application-only-lower-layers: services/bad/src/application/use-case.ts -> services/bad/src/http/dto.ts',
        'http-only-from-http: services/bad/src/application/use-case.ts -> services/bad/src/http/dto.ts',
        'http-only-from-http: services/bad/src/timers/expire.ts -> services/bad/src/http/dto.ts',
        'service-not-other-service: services/bad/src/http/controller.ts -> services/other/src/main.ts',
        'lib-not-service: libs/shared/src/index.ts -> services/other/src/main.ts',
        'no-circular: services/other/src/cycle.ts <-> services/other/src/main.ts',
      ].sort(),
    );
    expect(result.summary.error).toBe(violations.length);
  });
});
