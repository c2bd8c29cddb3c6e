import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eventDefinitions } from './event-definitions.js';
import { validateEvent } from './validate.js';
import { fixturePath, fixturesDir } from './write-missing-fixtures.js';

// Fixtures are the examples of released versions, frozen. Producers on an older build may still send
// them, so a change within a version that rejects one is a breaking change.
const fixtureFiles = readdirSync(fixturesDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.json'))
  .sort();

describe('released versions stay readable', () => {
  test('every event version has a frozen fixture (create it with `npm run fixtures`)', () => {
    const missing = eventDefinitions.map((d) => fixturePath(d.type, d.version)).filter((file) => !existsSync(file));
    expect(missing).toEqual([]);
  });

  test.each(fixtureFiles)('fixture %s still validates', (file) => {
    const event = JSON.parse(readFileSync(path.join(fixturesDir, file), 'utf8')) as unknown;
    expect(validateEvent(event)).toEqual({ ok: true });
    expect(path.basename(file, '.json')).toBe((event as { type: string }).type);
  });
});
