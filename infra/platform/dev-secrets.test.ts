import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KAFKA_PRINCIPALS, kafkaPasswordSecretName, secretProblems } from '@estafette/contracts';
import { devSecrets } from './dev-secrets.js';

describe('npm start generates the secrets services need, once', () => {
  test('the pseudonym key and one secret per service client are generated, distinct, kept private, reused, and the environment wins', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dev-secrets-'));
    try {
      const first = devSecrets(dir, {});
      const kafka = KAFKA_PRINCIPALS.map(kafkaPasswordSecretName);
      expect(
        Object.keys(first)
          .filter((name) => kafka.includes(name))
          .sort(),
      ).toEqual([...kafka].sort());
      expect(
        Object.keys(first)
          .filter((name) => !kafka.includes(name))
          .sort(),
      ).toEqual([
        'CONSENT_AUDIT_KEY',
        'CONSENT_SERVICE_CLIENT_SECRET',
        'RMC_SERVICE_CLIENT_SECRET',
        'SCHOOL_PSEUDONYM_SECRET',
        'SCHOOL_SERVICE_CLIENT_SECRET',
        'WERK_INKOMEN_SERVICE_CLIENT_SECRET',
        'ZORG_SERVICE_CLIENT_SECRET',
      ]);
      expect(first.RMC_SERVICE_CLIENT_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(secretProblems(first)).toEqual([]); // what npm start generates passes the production check
      expect(statSync(path.join(dir, 'dev-secrets.json')).mode & 0o077).toBe(0);
      expect(devSecrets(dir, {})).toEqual(first);
      expect(devSecrets(dir, { ZORG_SERVICE_CLIENT_SECRET: 'from-env' }).ZORG_SERVICE_CLIENT_SECRET).toBe('from-env');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
