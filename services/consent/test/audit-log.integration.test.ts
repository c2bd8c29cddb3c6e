import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { sql, startServiceUnderTest, type ServiceUnderTest } from '@estafette/testing';
import { AuditLog, type AuditEntry } from '../src/application/audit-log.js';
import { AuditWatch } from '../src/application/audit-watch.js';
import { loadConvenanten } from '../src/application/load-convenanten.js';
import { createConsentApp } from '../src/create-consent-app.js';
import { AuditKey, AuditKeyring } from '../src/domain/audit-key.js';

const TEST_KEY = 'estafette-test-audit-key-of-at-least-32-bytes';
const SUBJECT = 'pr_7K3M9QXW2D4F6H8J0N5P1R3T5V';

/**
 * The decision chain's turns where they can go wrong, on the real database: two instances appending at once (each
 * links after the head it wrote last, so the other's entries make its one-statement turn find another head or a taken
 * sequence) and a turn the database refuses. Whatever happens: one chain, no fork, no gap, each decision its own entry.
 */
describe('decision audit turns: two instances at once, and a refused turn', () => {
  let consent: ServiceUnderTest<INestApplication>;
  let second: INestApplication;
  const settings = () => ({
    minorAgeThreshold: 18,
    organisationId: 'oin:00000001234567890000',
    convenanten: loadConvenanten(),
    audit: { keyring: new AuditKeyring(new AuditKey(TEST_KEY)), intervalMs: 3_600_000 },
  });
  const rows = () =>
    sql<{ sequence: string; instance: number; i: number; hash: string; previous_hash: string }>(
      consent.db.url,
      `SELECT sequence, (request->>'instance')::int AS instance, (request->>'i')::int AS i, hash, previous_hash
         FROM decision_audit ORDER BY sequence`,
    );
  const verify = () => consent.app.get(AuditWatch).verifyChain('decision-audit');

  beforeAll(async () => {
    consent = await startServiceUnderTest('consentauditlog', (config) => createConsentApp(config, settings(), false));
    second = await createConsentApp(consent.config as never, settings(), false);
    await second.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await second?.close();
    await consent?.close();
  });

  test('interleaved appends from two instances: one unbroken chain, every decision once, at the sequence it was answered', async () => {
    const instances = [consent.app, second];
    const answered: { instance: number; i: number; entry: AuditEntry }[] = [];
    for (let round = 0; round < 10; round++) {
      await Promise.all(
        Array.from({ length: 20 }, async (_, k) => {
          const instance = k % 2;
          const i = round * 20 + k;
          const entry = await instances[instance]!.get(AuditLog).append({ subject: SUBJECT, instance, i }, { permit: i % 3 === 0 });
          answered.push({ instance, i, entry });
        }),
      );
    }

    const stored = await rows();
    expect(stored.map((r) => Number(r.sequence))).toEqual(stored.map((_, n) => n + 1));
    // Each decision exactly once: 200 rows (besides the empty chain's none), no (instance, i) twice.
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((r) => `${r.instance}/${r.i}`)).size).toBe(200);
    expect(answered).toHaveLength(200);
    // Each answer is the stored entry itself: its sequence, content and both hashes.
    for (const { instance, i, entry } of answered)
      expect(stored[entry.sequence - 1]).toMatchObject({ instance, i, hash: entry.hash, previous_hash: entry.previousHash });
    // The two really took turns in between each other (else the test proves nothing about the race).
    const switches = stored.filter((r, n) => n > 0 && r.instance !== stored[n - 1]!.instance).length;
    expect(switches).toBeGreaterThan(10);
    expect(await verify()).toMatchObject({ intact: true, checked: stored.length });
  }, 60_000);

  test('a turn the database refuses fails its own decisions and leaves no gap; the next turns link after the real head', async () => {
    const before = (await rows()).length;
    // jsonb cannot hold U+0000: the database refuses the turn, whose entry was already linked in memory.
    await expect(
      consent.app.get(AuditLog).append({ subject: SUBJECT, instance: 0, i: -1, note: '\u0000' }, { permit: false }),
    ).rejects.toThrow(/unicode|0000/i);
    const next = await Promise.all(
      [0, 1].map((instance) =>
        [consent.app, second][instance]!.get(AuditLog).append({ subject: SUBJECT, instance, i: 1000 + instance }, { permit: true }),
      ),
    );

    const stored = await rows();
    expect(stored).toHaveLength(before + 2);
    expect(next.map((e) => e.sequence).sort((a, b) => a - b)).toEqual([before + 1, before + 2]);
    expect(await verify()).toMatchObject({ intact: true, checked: before + 2 });
  }, 60_000);
});
