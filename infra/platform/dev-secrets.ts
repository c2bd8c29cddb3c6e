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
