import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Secrets the services need, generated at the first local start and kept with the data (never in git).
 * ESTAFETTE_SERVICE_CLIENT_SECRET: identity registers the service clients with it; services ask for their tokens with it.
 */
const NEEDED = ['SCHOOL_PSEUDONYM_SECRET', 'ESTAFETTE_SERVICE_CLIENT_SECRET'] as const;

export function devSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const file = path.join(dataDir, 'dev-secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  let changed = false;
  for (const name of NEEDED) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString('base64url');
      changed = true;
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return Object.fromEntries(NEEDED.map((name) => [name, env[name] ?? stored[name]!]));
}
