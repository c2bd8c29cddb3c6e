import { DataSource, type MigrationInterface } from 'typeorm';
import { accessLogMigrations } from '@estafette/auth';
import { messagingMigrations } from '@estafette/messaging';

/** A TypeORM migration class. */
export type MigrationClass = new () => MigrationInterface;

/** Every migration of a service, in the order they run: the shared tables (outbox, inbox, access log) first, then its own. */
export function serviceMigrations(own: readonly MigrationClass[]): MigrationClass[] {
  return [...messagingMigrations, ...accessLogMigrations, ...own];
}

/**
 * Applies the migrations as the database's owner role (`ownerUrl`) on a connection of its own, closed afterwards, so
 * the running service keeps only its runtime role. Errors: TypeORM's when a migration fails (that migration is rolled back).
 */
export async function runMigrations(ownerUrl: string, migrations: readonly MigrationClass[]): Promise<string[]> {
  const owner = new DataSource({ type: 'postgres', url: ownerUrl, migrations: [...migrations] });
  await owner.initialize();
  try {
    return (await owner.runMigrations()).map((m) => m.name);
  } finally {
    await owner.destroy();
  }
}

/**
 * `node dist/main.js migrate`: applies the service's migrations as the owner (`<SERVICE>_MIGRATION_DATABASE_URL`)
 * and ends the process; nothing is served. Called first thing in every main.ts, before any setting is read, so the
 * migrate step needs no secret but the owner's URL. Returns (does nothing) for any other command line.
 */
export async function migrateWhenAsked(
  name: string,
  migrations: readonly MigrationClass[],
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (argv[2] !== 'migrate') return;
  const variable = `${name.toUpperCase().replace(/-/g, '_')}_MIGRATION_DATABASE_URL`;
  const url = env[variable];
  if (!url) throw new Error(`${name} migrate: set ${variable} (the owner role of its database; docs/security.md#database-roles)`);
  const applied = await runMigrations(url, serviceMigrations(migrations));
  process.stdout.write(`${name}: ${applied.length ? `applied ${applied.join(', ')}` : 'database up to date'}\n`);
  process.exit(0);
}

/**
 * Refuses to run the service as a role that could rewrite its own audit: a superuser, a role that may create roles
 * or databases or bypass row security, or the owner (or a member of the owner) of a table in its schema, all of which
 * may ALTER a table or DISABLE its triggers. Errors name the role and what to do. Source: design (issue 17, part 2).
 */
export async function assertRuntimeRole(dataSource: DataSource, variable: string): Promise<void> {
  const [role] = (await dataSource.query(
    `SELECT current_user AS name, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
  )) as { name: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean }[];
  const [owned] = (await dataSource.query(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'MEMBER')`,
  )) as { n: number }[];
  const rights = [
    role?.rolsuper && 'superuser',
    role?.rolcreaterole && 'CREATEROLE',
    role?.rolcreatedb && 'CREATEDB',
    role?.rolbypassrls && 'BYPASSRLS',
    owned && owned.n > 0 && `owner of ${owned.n} of its tables`,
  ].filter(Boolean);
  if (rights.length)
    throw new Error(
      `refusing to run as database role ${role?.name} (${rights.join(', ')}): point ${variable} at the service's runtime role, ` +
        'which may read and write rows but not alter tables (docs/security.md#database-roles)',
    );
}

/**
 * Refuses to start on a database whose migrations have not all been applied (run `node dist/main.js migrate` as the
 * owner first): the runtime role cannot apply them itself. Errors name the first missing migration.
 */
export async function assertMigrated(dataSource: DataSource, migrations: readonly MigrationClass[]): Promise<void> {
  let applied: Set<string>;
  try {
    applied = new Set(((await dataSource.query('SELECT name FROM migrations')) as { name: string }[]).map((r) => r.name));
  } catch (error) {
    if ((error as { code?: string }).code !== '42P01') throw error;
    applied = new Set();
  }
  const missing = migrations.map((M) => new M().name ?? M.name).filter((name) => !applied.has(name));
  if (missing.length)
    throw new Error(
      `the database lacks ${missing.length} migration(s), first ${missing[0]}: run \`node dist/main.js migrate\` as the owner first`,
    );
}
