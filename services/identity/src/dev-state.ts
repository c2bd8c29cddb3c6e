import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { DEMO_CLIENTS } from './demo-directory.js';

/** What the development provider must keep between starts: its signing key, cookie key, demo secrets. */
export interface DevState {
  signingKey: JWK;
  cookieKey: string;
  clientSecrets: Record<string, string>;
  demoPassword: string;
}

/**
 * Generated at the first start into the platform's data directory (never in git), so tokens stay
 * valid across restarts and every machine has its own keys.
 */
export async function loadOrCreateDevState(file: string): Promise<DevState> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevState;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const state: DevState = {
    signingKey: { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' },
    cookieKey: randomBytes(32).toString('base64url'),
    clientSecrets: Object.fromEntries(DEMO_CLIENTS.map((c) => [c.clientId, randomBytes(24).toString('base64url')])),
    demoPassword: `demo-${randomBytes(4).toString('hex')}`,
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2), { mode: 0o600 });
  return state;
}
