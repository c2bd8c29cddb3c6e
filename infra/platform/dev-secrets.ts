import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PLATFORM_SECRETS } from '@estafette/contracts';

/**
 * The platform's secrets (PLATFORM_SECRETS: the school's pseudonym key and one secret per service client), generated
 * at the first local start and kept with the data (never in git); a value in the environment wins. Which service
 * gets which: serviceEnvironment().
 */
export function devSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const file = path.join(dataDir, 'dev-secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  let changed = false;
  for (const name of PLATFORM_SECRETS) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString('base64url');
      changed = true;
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return Object.fromEntries(PLATFORM_SECRETS.map((name) => [name, env[name] ?? stored[name]!]));
}

/**
 * The passwords of each database's owner and runtime roles (docs/security.md#database-roles), generated at the first
 * local start into the same file as the other secrets (mode 600), one pair per database, reused at every later start.
 */
export function devDatabasePasswords(dataDir: string, databases: readonly string[]): Record<string, { owner: string; app: string }> {
  const file = path.join(dataDir, 'dev-secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const name = (database: string, role: 'owner' | 'app') => `PG_${database.toUpperCase()}_${role.toUpperCase()}_PASSWORD`;
  let changed = false;
  for (const database of databases)
    for (const role of ['owner', 'app'] as const)
      if (!stored[name(database, role)]) {
        stored[name(database, role)] = randomBytes(32).toString('base64url');
        changed = true;
      }
  if (changed) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return Object.fromEntries(databases.map((d) => [d, { owner: stored[name(d, 'owner')]!, app: stored[name(d, 'app')]! }]));
}
