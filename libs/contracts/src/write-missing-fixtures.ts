// Freezes the example of every released event version as a fixture. Existing fixtures are never
// overwritten: they are what producers of that version may still send.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventDefinitions } from './event-definitions.js';

export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixturePath(type: string, version: number): string {
  return path.join(fixturesDir, `v${version}`, `${type}.json`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const definition of eventDefinitions) {
    const file = fixturePath(definition.type, definition.version);
    if (existsSync(file)) continue;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(definition.example, null, 2)}\n`);
    console.log(`Wrote ${file}`);
  }
}
