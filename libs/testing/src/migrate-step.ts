import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The list a service's `migrate` step passes to migrateWhenAsked, read from its main.ts. */
export interface MigrateStep {
  /** The service name main.ts gives migrateWhenAsked, e.g. `consent`. */
  service: string;
  /** The migration classes of the list main.ts passes (before the shared ones are added). */
  migrations: readonly (new () => unknown)[];
}

/**
 * Reads `<serviceDir>/src/main.ts`, finds `migrateWhenAsked('<name>', <list>)` and the relative import of `<list>`, and
 * loads that list through `load` (the test's own `(url) => import(url)`, so the test's module system loads the source):
 * main.ts cannot be imported, as it starts the service. A test compares it with what the module runs (migrationsOf in
 * @estafette/service-kit), so the two lists cannot drift apart. Errors: main.ts calls migrateWhenAsked with anything
 * but one imported name, or the import is not a relative one of a list.
 */
export async function migrateStepOf(serviceDir: string, load: (url: string) => Promise<Record<string, unknown>>): Promise<MigrateStep> {
  const main = readFileSync(join(serviceDir, 'src', 'main.ts'), 'utf8');
  const call = /migrateWhenAsked\(\s*'([^']+)',\s*(\w+)\s*\)/.exec(main);
  if (!call) throw new Error(`${serviceDir}/src/main.ts: no migrateWhenAsked('<service>', <one imported list>)`);
  const [, service, name] = call as unknown as [string, string, string];
  const from = new RegExp(`import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*'(\\.[^']+)\\.js'`).exec(main);
  if (!from) throw new Error(`${serviceDir}/src/main.ts: ${name} is not imported from a file of the service`);
  const exported = (await load(pathToFileURL(join(serviceDir, 'src', `${from[1]}.ts`)).href))[name];
  if (!Array.isArray(exported)) throw new Error(`${serviceDir}/src/main.ts: ${name} is not a list of migrations`);
  return { service, migrations: exported as MigrateStep['migrations'] };
}
