import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { devSecrets } from './dev-secrets.js';

describe('npm start generates the secrets services need, once', () => {
  test('the pseudonym key and the service client secret are generated, kept private, reused, and the environment wins', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dev-secrets-'));
    try {
      const first = devSecrets(dir, {});
      expect(Object.keys(first).sort()).toEqual(['ESTAFETTE_SERVICE_CLIENT_SECRET', 'SCHOOL_PSEUDONYM_SECRET']);
      expect(first.ESTAFETTE_SERVICE_CLIENT_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(statSync(path.join(dir, 'dev-secrets.json')).mode & 0o077).toBe(0);
      expect(devSecrets(dir, {})).toEqual(first);
      expect(devSecrets(dir, { ESTAFETTE_SERVICE_CLIENT_SECRET: 'from-env' }).ESTAFETTE_SERVICE_CLIENT_SECRET).toBe('from-env');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
