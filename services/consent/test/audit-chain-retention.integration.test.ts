import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays, addMonths, today } from '@estafette/calendar';
import { AUDIT_CHAIN_PERIOD, periodAsInterval, RetentionRunner, triggerPeriod } from '@estafette/privacy';
import { eventually, measuredRetentionRun, sql, startServiceUnderTest, type ServiceUnderTest } from '@estafette/testing';
import { AnchorLedger } from '../src/application/anchor-ledger.js';
import { AuditLog } from '../src/application/audit-log.js';
import { AuditWatch } from '../src/application/audit-watch.js';
import { ToestemmingAudit } from '../src/application/toestemming-audit.js';
import { loadConvenanten } from '../src/application/load-convenanten.js';
import { createConsentApp } from '../src/create-consent-app.js';
import { AuditKey, AuditKeyring } from '../src/domain/audit-key.js';
import { DECISION_CHAIN, TOESTEMMING_CHAIN, type ChainTable } from '../src/persistence/chain-tables.js';

type Json = Record<string, any>;
const TEST_KEY = 'estafette-test-audit-key-of-at-least-32-bytes';
const SUBJECT = 'pr_7K3M9QXW2D4F6H8J0N5P1R3T5V';
const TOESTEMMING_ID = '5a0c7e93-d2b8-4f16-a4e5-9c3b1f7d2e08';

/**
 * The audit chains' bewaartermijn on the real broker and database with an injected clock: entries older than seven
 * years go as a whole prefix through a sealed checkpoint, verification starts there (also against an anchor inside the
 * pruned range), new entries link after it; an entry removed by hand after it, or a forged checkpoint, is reported.
 * The entries are written with the clock eight years back, so the database clock (the trigger's) agrees they are past.
 */
describe('audit chains pruned past their bewaartermijn through a sealed checkpoint', () => {
  const start = today();
  const at = (date: string) => new Date(`${date}T10:00:00Z`);
  let now = at(start);
  let consent: ServiceUnderTest<INestApplication>;
  const measures = { 'decision-audit': ['decision_audit'], 'toestemming-audit': ['toestemming_audit'] };
  const CHAINS = [DECISION_CHAIN, TOESTEMMING_CHAIN];

  const admin = (text: string, params: unknown[] = []) => sql(consent.db.adminUrl, text, params);
  const count = async (table: ChainTable) =>
    (await sql<{ n: number }>(consent.db.url, `SELECT count(*)::int AS n FROM ${table.table}`))[0]!.n;
  const decide = (i: number, decidedAt: Date) => consent.app.get(AuditLog).append({ subject: SUBJECT, i }, { permit: false }, decidedAt);
  const consentStep = (action: 'gegeven' | 'ingetrokken') =>
    consent.app.get(DataSource).transaction((m) =>
      consent.app.get(ToestemmingAudit).append(m, {
        toestemmingId: TOESTEMMING_ID,
        subject: SUBJECT,
        action,
        actor: { role: 'jongere', subject: SUBJECT },
      }),
    );
  const verify = async (table: ChainTable) => {
    const officer = await consent.issuer.issueToken({
      role: 'privacy-officer',
      organisationType: 'platform',
      organisationId: 'oin:00000001234567890000',
    });
    const res = await fetch(`${consent.url}/audit/verify?chain=${table.chain}`, { headers: { authorization: `Bearer ${officer}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as Json;
  };
  const run = () => measuredRetentionRun(consent.db.url, measures, () => consent.app.get(RetentionRunner).runNow());
  /** What a superuser does: switch the trigger off, change rows, switch it on. */
  const asSuperuser = async (table: string, work: () => Promise<unknown>) => {
    await admin(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_no_update_delete`);
    try {
      await work();
    } finally {
      await admin(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_no_update_delete`);
    }
  };

  beforeAll(async () => {
    consent = await startServiceUnderTest('consentchainprune', (config) =>
      createConsentApp(
        { ...config, clock: () => now },
        {
          minorAgeThreshold: 18,
          organisationId: 'oin:00000001234567890000',
          convenanten: loadConvenanten(),
          audit: { keyring: new AuditKeyring(new AuditKey(TEST_KEY)), intervalMs: 3_600_000 },
        },
        false,
      ),
    );
  });

  afterAll(async () => {
    await consent?.close();
  });

  test('old prefixes go, the rest verifies from the checkpoint (also against an anchor in the pruned range) and new entries link on', async () => {
    const longAgo = at(addMonths(start, -96));
    const withinPeriod = at(addDays(addMonths(start, -84), 10));
    now = longAgo;
    for (let i = 0; i < 3; i++) await decide(i, longAgo);
    await consentStep('gegeven');
    await consentStep('ingetrokken');
    await consentStep('gegeven');
    // The heads at 3 anchored on the bus: after pruning, the anchor at the checkpoint must still hold.
    await consent.app.get(AuditWatch).runOnce();
    await eventually(() => consent.app.get(AnchorLedger).latestOnBus('toestemming-audit')?.sequence === 3);
    now = withinPeriod;
    await consentStep('ingetrokken'); // 4: within the period
    now = longAgo;
    await consentStep('gegeven'); // 5: old, but after a younger one: stays with it

    now = at(start);
    const first = await run();
    // The whole decision chain is past; of the toestemming chain the prefix before its first younger entry.
    expect(first.counts).toMatchObject({ 'decision-audit': 3, 'toestemming-audit': 3 });
    expect({ 'decision-audit': first.counts['decision-audit'], 'toestemming-audit': first.counts['toestemming-audit'] }).toEqual(
      first.changed,
    );
    const left = await sql<{ sequence: string }>(consent.db.url, 'SELECT sequence FROM toestemming_audit ORDER BY sequence');
    expect(left.map((r) => Number(r.sequence))).toEqual([4, 5]);
    const [checkpoint] = await sql<Json>(consent.db.url, "SELECT * FROM audit_chain_checkpoint WHERE chain = 'toestemming-audit'");
    expect(Number(checkpoint!.pruned_through)).toBe(3);
    const [fourth] = await sql<Json>(consent.db.url, 'SELECT previous_hash FROM toestemming_audit WHERE sequence = 4');
    expect(checkpoint!.head_hash).toBe(fourth!.previous_hash);

    for (const table of CHAINS) {
      const verdict = await verify(table);
      expect({ chain: table.chain, intact: verdict.intact, checked: verdict.checked }).toEqual({
        chain: table.chain,
        intact: true,
        checked: await count(table),
      });
    }
    // It was held against the bus's anchor at 3, the last pruned entry: the checkpoint's head hash is that entry's.
    expect(consent.app.get(AnchorLedger).latestOnBus('toestemming-audit')).toMatchObject({ sequence: 3, headHash: checkpoint!.head_hash });

    // New entries link after what is left and verify; the chain continues its numbering.
    await consentStep('gegeven');
    await decide(3, now);
    expect(await verify(TOESTEMMING_CHAIN)).toMatchObject({ intact: true, checked: 3, head: { sequence: 6 } });
    // The decision chain was empty: its next entry continues from the checkpoint.
    expect(await verify(DECISION_CHAIN)).toMatchObject({ intact: true, checked: 1, head: { sequence: 4 } });

    const second = await run();
    expect(second.counts).toMatchObject({ 'decision-audit': 0, 'toestemming-audit': 0 });
    expect(second.changed).toEqual({ 'decision-audit': 0, 'toestemming-audit': 0 });
  });

  test('the triggers allow removal after exactly the period in the table, and refuse a younger entry, UPDATE and TRUNCATE', async () => {
    const db = consent.app.get(DataSource);
    for (const table of CHAINS) expect(await triggerPeriod(db, table.table)).toBe(periodAsInterval(AUDIT_CHAIN_PERIOD));
    await expect(sql(consent.db.url, 'DELETE FROM toestemming_audit WHERE sequence = 4')).rejects.toThrow(
      /only be removed after its bewaartermijn/,
    );
    await expect(sql(consent.db.url, "UPDATE decision_audit SET outcome = '{}'")).rejects.toThrow(/append-only/);
    // The service may not truncate at all; the owner may, but the trigger refuses.
    await expect(sql(consent.db.ownerUrl, 'TRUNCATE toestemming_audit')).rejects.toThrow(/append-only/);
    expect(await count(TOESTEMMING_CHAIN)).toBe(3);
    expect(await count(DECISION_CHAIN)).toBe(1);
  });

  test('an entry removed by hand after the checkpoint is reported; put back, the chain is intact again', async () => {
    const [saved] = await admin('SELECT * FROM toestemming_audit WHERE sequence = 4');
    await asSuperuser('toestemming_audit', () => admin('DELETE FROM toestemming_audit WHERE sequence = 4'));
    expect(await verify(TOESTEMMING_CHAIN)).toMatchObject({
      intact: false,
      brokenAt: 4,
      problem: expect.stringMatching(/entry 4 is missing/),
    });
    // The job does not prune a chain that is not intact.
    expect((await run()).counts).toMatchObject({ 'toestemming-audit': 0 });
    const columns = Object.keys(saved!).filter((c) => c !== 'id');
    await admin(
      `INSERT INTO toestemming_audit (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((c) => saved![c]),
    );
    expect(await verify(TOESTEMMING_CHAIN)).toMatchObject({ intact: true });
  });

  test('entries removed with a checkpoint forged without the key are reported', async () => {
    const [fourth] = await admin('SELECT hash FROM toestemming_audit WHERE sequence = 4');
    await admin(
      `INSERT INTO audit_chain_checkpoint (chain, pruned_through, head_hash, key_id, seal) VALUES ('toestemming-audit', 4, $1, $2, $3)`,
      [fourth!.hash, new AuditKey(TEST_KEY).id, 'ab'.repeat(32)],
    );
    await asSuperuser('toestemming_audit', () => admin('DELETE FROM toestemming_audit WHERE sequence = 4'));
    expect(await verify(TOESTEMMING_CHAIN)).toMatchObject({
      intact: false,
      brokenAt: 5,
      problem: expect.stringMatching(/checkpoint through entry 4 was changed or forged/),
    });
  });
});
