// Every service's database with its owner and runtime roles, and the migrate step run as the owner before the service
// starts as its runtime role: one way for npm start, the process platform (bench, demo test), compose's prepare and
// the fault tests (docs/security.md#database-roles).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ensureDatabaseRoles, roleNames } from '../postgres/database-roles.js';
import { repoRoot } from './service-process.js';

const envKey = (service: string) => service.toUpperCase().replace(/-/g, '_');

/** The variable with a service's runtime role URL (what the service connects with). */
export const databaseUrlVariable = (service: string) => `${envKey(service)}_DATABASE_URL`;
/** The variable with a service's owner role URL (only its `migrate` step reads it). */
export const migrationUrlVariable = (service: string) => `${envKey(service)}_MIGRATION_DATABASE_URL`;

export interface ServiceDatabase {
  service: string;
  database: string;
  ownerUrl: string;
  appUrl: string;
}

/**
 * Creates each database with its roles `<database>_owner` and `<database>_app` as the administrator at `adminUrl`,
 * idempotently; `passwords` per database (default: fresh random ones, for throw-away platforms). An administrator
 * that may not create roles fails here with PostgreSQL's error and where the SQL to run by hand is documented.
 */
export async function provisionServiceDatabases(
  adminUrl: string,
  services: readonly { service: string; database: string }[],
  passwords: (database: string) => { owner: string; app: string } = () => ({ owner: random(), app: random() }),
): Promise<ServiceDatabase[]> {
  const made: ServiceDatabase[] = [];
  for (const { service, database } of services) {
    const names = roleNames(database);
    const secret = passwords(database);
    try {
      const urls = await ensureDatabaseRoles(adminUrl, {
        database,
        owner: { role: names.owner, password: secret.owner },
        app: { role: names.app, password: secret.app },
      });
      made.push({ service, database, ...urls });
    } catch (error) {
      throw new Error(
        `could not make database ${database} and its roles as ${new URL(adminUrl).username}: ${(error as Error).message}. ` +
          `Make them yourself (docs/security.md#database-roles) and set ${databaseUrlVariable(service)} and ${migrationUrlVariable(service)}.`,
        { cause: error },
      );
    }
  }
  return made;
}

const random = () => randomBytes(24).toString('base64url');

/**
 * Runs `node services/<service>/dist/main.js migrate` with only the owner's URL in its environment, one service after
 * another; rejects with the service's output when one fails.
 */
export async function migrateServices(databases: readonly ServiceDatabase[], log: (line: string) => void = () => {}): Promise<void> {
  for (const db of databases) {
    const dir = path.join(repoRoot, 'services', db.service);
    const output: string[] = [];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(dir, 'dist/main.js'), 'migrate'], {
        cwd: dir,
        env: { PATH: process.env.PATH, [migrationUrlVariable(db.service)]: db.ownerUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
      child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`${db.service} migrate failed (exit ${code}):\n${output.join('').trim()}`);
    log(output.join('').trim());
  }
}
