import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where the platform keeps broker and database files between starts. PostgreSQL started by root runs as
 * the 'postgres' user, which cannot enter a closed home directory; then fall back to /var/tmp.
 */
export function platformDataDir(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.ESTAFETTE_DATA_DIR) return path.resolve(env.ESTAFETTE_DATA_DIR);
  const preferred = path.join(repoRoot, '.estafette');
  if (os.userInfo().uid !== 0 || traversableByOthers(repoRoot)) return preferred;
  const tag = createHash('sha256').update(repoRoot).digest('hex').slice(0, 8);
  return path.join('/var/tmp', `estafette-${tag}`);
}

function traversableByOthers(dir: string): boolean {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}
