import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { accessLogMigrations } from '@estafette/auth';
import { messagingMigrations } from '@estafette/messaging';
import {
  createTestDatabase,
  eventually,
  provisionTestTopics,
  sql,
  uniqueTopicPrefix,
  type TestDatabase,
  serviceKafka,
} from '@estafette/testing';
import { AnchorLedger } from '../src/application/anchor-ledger.js';
import { AuditLog } from '../src/application/audit-log.js';
import { AuditWatch } from '../src/application/audit-watch.js';
import { ToestemmingAudit } from '../src/application/toestemming-audit.js';
import { loadConvenanten } from '../src/application/load-convenanten.js';
import { createConsentApp } from '../src/create-consent-app.js';
import { linkEntry, plainHash, type ChainHasher, type ChainLink } from '../src/domain/audit-chain.js';
import { AuditKey, AuditKeyring } from '../src/domain/audit-key.js';
import { CHAIN_TABLES, DECISION_CHAIN, TOESTEMMING_CHAIN, type ChainTable } from '../src/persistence/chain-tables.js';
import { consentMigrations } from '../src/persistence/migrations/index.js';

// The fault of issue 17: a superuser disables the append-only trigger, rewrites a row and recomputes the chain, or
// cuts off the newest entries. Real PostgreSQL (the faults connect as its superuser: the service's own runtime role
// cannot, see "the service's own role") and a real broker for the anchors.
const TEST_KEY = 'estafette-test-audit-key-of-at-least-32-bytes';
const WRONG_KEY = 'an-attackers-guess-at-the-key-of-32-bytes-or-more';
const SUBJECT = 'pr_7K3M9QXW2D4F6H8J0N5P1R3T5V';

describe('keyed audit chains with anchors outside the database', () => {
  const prefix = uniqueTopicPrefix();
  let db: TestDatabase;
  let app: INestApplication;

  const start = async () => {
    app = await createConsentApp(
      {
        name: 'consent',
        port: 0,
        host: '127.0.0.1',
        databaseUrl: db.url,
        migrationUrl: db.ownerUrl,
        ...serviceKafka('consent'),
        topicPrefix: prefix,
      } as never,
      {
        minorAgeThreshold: 18,
        organisationId: 'oin:00000001234567890000',
        convenanten: loadConvenanten(),
        // The schedule is driven by the test (runOnce); the interval only has to stay out of its way.
        audit: { keyring: new AuditKeyring(new AuditKey(TEST_KEY)), intervalMs: 3_600_000 },
      },
      false,
    );
    await app.listen(0, '127.0.0.1');
  };
  const rows = (text: string, params: unknown[] = []) => sql(db.adminUrl, text, params);
  /** As the consent service itself connects: its runtime role. */
  const asService = (text: string, params: unknown[] = []) => sql(db.url, text, params);
  const watch = () => app.get(AuditWatch);
  const verify = (chain: ChainTable) => watch().verifyChain(chain.chain);
  const metric = async (chain: string) => {
    const text = await (await fetch(`${await app.getUrl()}/metrics`)).text();
    return new RegExp(`^estafette_audit_chain_intact\\{[^}]*chain="${chain}"[^}]*\\} (\\d)$`, 'm').exec(text)?.[1];
  };

  const decide = (n: number) =>
    Promise.all(Array.from({ length: n }, (_, i) => app.get(AuditLog).append({ subject: SUBJECT, i }, { permit: i % 2 === 0 })));
  const consentSteps = async (n: number) => {
    for (let i = 0; i < n; i++)
      await app.get(DataSource).transaction((m) =>
        app.get(ToestemmingAudit).append(m, {
          toestemmingId: '5a0c7e93-d2b8-4f16-a4e5-9c3b1f7d2e08',
          subject: SUBJECT,
          action: i === 0 ? 'gegeven' : 'ingetrokken',
          actor: { role: 'jongere', subject: SUBJECT },
        }),
      );
  };

  /** What the superuser does: switch the trigger off, change rows, switch it on. */
  const asSuperuser = async (table: ChainTable, work: () => Promise<unknown>) => {
    await rows(`ALTER TABLE ${table.table} DISABLE TRIGGER ${table.table}_no_update_delete`);
    try {
      await work();
    } finally {
      await rows(`ALTER TABLE ${table.table} ENABLE TRIGGER ${table.table}_no_update_delete`);
    }
  };
  const readChain = async (table: ChainTable) =>
    (await rows(`SELECT sequence, previous_hash, hash, ${table.columns.join(', ')} FROM ${table.table} ORDER BY sequence`)).map((r) => ({
      content: { ...table.fieldsOf(r), sequence: Number(r.sequence) },
      previousHash: String(r.previous_hash),
      hash: String(r.hash),
    }));
  /** Rewrites the hashes from entry `from` on as `hasher` makes them (plain SHA-256 from the genesis, or a guessed key). */
  const recompute = async (table: ChainTable, hasher: ChainHasher, from = 1) => {
    const chain = await readChain(table);
    let previous: ChainLink | undefined = chain[from - 2];
    for (const link of chain.slice(from - 1)) {
      const fields = Object.fromEntries(Object.entries(link.content).filter(([k]) => k !== 'sequence'));
      const fresh: ChainLink = linkEntry(previous && { sequence: previous.content.sequence, hash: previous.hash }, fields, hasher);
      await rows(`UPDATE ${table.table} SET previous_hash = $1, hash = $2 WHERE sequence = $3`, [
        fresh.previousHash,
        fresh.hash,
        link.content.sequence,
      ]);
      previous = fresh;
    }
  };
  const rewriteOne = (table: ChainTable, sequence: number) =>
    table === DECISION_CHAIN
      ? rows(`UPDATE decision_audit SET outcome = jsonb_set(outcome, '{permit}', 'true') WHERE sequence = $1`, [sequence])
      : rows(`UPDATE toestemming_audit SET actor_role = 'ouder-of-voogd' WHERE sequence = $1`, [sequence]);

  /** Keeps the rows as they are, to put them back after a fault (so each fault starts from an intact chain). */
  const snapshot = async (table: ChainTable) => {
    const columns = ['sequence', 'previous_hash', 'hash', ...table.columns, ...(table === TOESTEMMING_CHAIN ? ['id'] : [])];
    const saved = await rows(`SELECT ${columns.join(', ')} FROM ${table.table}`);
    return () =>
      asSuperuser(table, async () => {
        await rows(`DELETE FROM ${table.table}`);
        for (const r of saved)
          await rows(
            `INSERT INTO ${table.table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
            columns.map((c) => (c === 'request' || c === 'outcome' ? JSON.stringify(r[c]) : r[c])),
          );
      });
  };

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('consent');
    // An existing installation from before keys: the schema up to the guardian migration, with plain SHA-256 entries.
    const old = new DataSource({
      type: 'postgres',
      url: db.ownerUrl, // the old version's migrations, as its owner ran them
      migrations: [...messagingMigrations, ...accessLogMigrations, ...consentMigrations.slice(0, 3)],
    });
    await old.initialize();
    await old.runMigrations();
    await old.destroy();
    let previous: ChainLink | undefined;
    for (let i = 0; i < 3; i++) {
      previous = linkEntry(
        previous && { sequence: previous.content.sequence, hash: previous.hash },
        { decidedAt: `2026-01-0${i + 1}T09:00:00.000Z`, request: { subject: SUBJECT, legacy: i }, outcome: { permit: false } },
        plainHash,
      );
      const c = previous.content;
      await rows(
        'INSERT INTO decision_audit (sequence, decided_at, request, outcome, previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6)',
        [c.sequence, c.decidedAt, JSON.stringify(c.request), JSON.stringify(c.outcome), previous.previousHash, previous.hash],
      );
    }
    await rows(
      `INSERT INTO toestemming_audit (toestemming_id, subject, action, actor_role, actor_subject, at)
       VALUES ('5a0c7e93-d2b8-4f16-a4e5-9c3b1f7d2e08', $1, 'gegeven', 'jongere', $1, '2026-01-01T09:00:00Z'),
              ('5a0c7e93-d2b8-4f16-a4e5-9c3b1f7d2e08', $1, 'ingetrokken', 'jongere', $1, '2026-01-02T09:00:00Z')`,
      [SUBJECT],
    );
    await start();
    await decide(20);
    await consentSteps(4);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  test('after the upgrade the plain entries of before and the keyed ones after verify; the epoch starts after the old head', async () => {
    expect(await rows('SELECT chain, keyed_from::int AS keyed_from FROM audit_chain_epoch ORDER BY chain')).toEqual([
      { chain: 'decision-audit', keyed_from: 4 },
      { chain: 'toestemming-audit', keyed_from: 3 },
    ]);
    await watch().runOnce();
    expect(watch().status()).toEqual([
      expect.objectContaining({ chain: 'decision-audit', lastVerification: expect.objectContaining({ intact: true, checked: 23 }) }),
      expect.objectContaining({ chain: 'toestemming-audit', lastVerification: expect.objectContaining({ intact: true, checked: 6 }) }),
    ]);
    expect(await metric('decision-audit')).toBe('1');
    expect(await metric('toestemming-audit')).toBe('1');
  });

  test('the verified heads are anchored on the bus (audit.anchored, no personal content) and read back from there', async () => {
    const ledger = app.get(AnchorLedger);
    await eventually(
      () => ledger.latestOnBus('decision-audit')?.sequence === 23 && ledger.latestOnBus('toestemming-audit')?.sequence === 6,
    );
    const [head] = await rows('SELECT hash FROM decision_audit WHERE sequence = 23');
    expect(ledger.latestOnBus('decision-audit')).toMatchObject({ sequence: 23, headHash: head!.hash });
    const anchors = await rows(`SELECT event FROM outbox WHERE type = 'nl.estafette.audit.anchored.v1'`);
    expect(anchors.length).toBeGreaterThanOrEqual(2);
    for (const { event } of anchors) expect(JSON.stringify(event)).not.toContain(SUBJECT);
  });

  describe.each([
    ['decision-audit', DECISION_CHAIN],
    ['toestemming-audit', TOESTEMMING_CHAIN],
  ] as const)('%s', (name, table) => {
    const target = table === DECISION_CHAIN ? 10 : 5;
    // The first keyed entry: the old entries stay plain SHA-256, so a plain recompute from the genesis breaks here.
    const firstKeyed = table === DECISION_CHAIN ? 4 : 3;

    test('untouched: intact', async () => {
      expect(await verify(table)).toMatchObject({ intact: true });
    });

    test.each([
      ['plain SHA-256 from the genesis', () => plainHash, 1, firstKeyed],
      ['plain SHA-256 from the rewritten entry on', () => plainHash, target, target],
      ['HMAC with a wrong key, from the rewritten entry on', () => new AuditKey(WRONG_KEY).hasher(name), target, target],
    ] as const)(
      'trigger disabled, one entry rewritten, the chain recomputed with %s: not intact, naming the entry; the metric flips to 0',
      async (_how, hasher, from, brokenAt) => {
        const restore = await snapshot(table);
        try {
          await asSuperuser(table, async () => {
            await rewriteOne(table, target);
            await recompute(table, hasher(), from);
          });
          expect(await verify(table)).toMatchObject({ intact: false, kind: 'changed', brokenAt });
          expect(await metric(name)).toBe('0');
        } finally {
          await restore();
        }
        expect(await verify(table)).toMatchObject({ intact: true });
        expect(await metric(name)).toBe('1');
      },
    );

    test('the newest entries deleted: truncated, also after a restart (the anchor comes back from the bus)', async () => {
      const restore = await snapshot(table);
      const [{ head }] = (await rows(`SELECT max(sequence)::int AS head FROM ${table.table}`)) as { head: number }[];
      try {
        await asSuperuser(table, () => rows(`DELETE FROM ${table.table} WHERE sequence > $1`, [head - 2]));
        expect(await verify(table)).toMatchObject({
          intact: false,
          kind: 'truncated',
          brokenAt: head - 1,
          problem: expect.stringMatching(/truncated/),
        });
        expect(await metric(name)).toBe('0');

        // A new process knows nothing from memory: only the bus can tell.
        await app.close();
        await start();
        await watch().runOnce();
        expect(
          watch()
            .status()
            .find((s) => s.chain === name)!.lastVerification,
        ).toMatchObject({ intact: false, kind: 'truncated' });
        expect(await metric(name)).toBe('0');
      } finally {
        await restore();
      }
      expect(await verify(table)).toMatchObject({ intact: true });
    }, 60_000);
  });

  test('every chain is in the status, intact again after the faults were undone', async () => {
    await watch().runOnce();
    expect(
      watch()
        .status()
        .map((s) => [s.chain, s.lastVerification?.intact]),
    ).toEqual(CHAIN_TABLES.map((t) => [t.chain, true]));
  });

  test("the service's own role cannot disable the trigger, rewrite, delete, truncate or take the table over; its appends still work", async () => {
    const [role] = await asService('SELECT current_user AS name, rolsuper FROM pg_roles WHERE rolname = current_user');
    expect(role).toEqual({ name: `${db.name}_app`, rolsuper: false });
    for (const table of ['decision_audit', 'toestemming_audit', 'audit_chain_epoch', 'access_log']) {
      await expect(asService(`ALTER TABLE ${table} DISABLE TRIGGER ALL`)).rejects.toThrow(`must be owner of table ${table}`);
      await expect(asService(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_no_update_delete`)).rejects.toThrow('must be owner');
      await expect(asService(`ALTER TABLE ${table} OWNER TO ${db.name}_app`)).rejects.toThrow('must be owner');
      await expect(asService(`DROP TABLE ${table}`)).rejects.toThrow('must be owner');
      await expect(asService(`TRUNCATE ${table}`)).rejects.toThrow(`permission denied for table ${table}`);
    }
    // The issue's tamper case, as the service: the trigger stays on, so the rewrite is refused.
    await expect(
      asService(`UPDATE decision_audit SET outcome = jsonb_set(outcome, '{permit}', 'true') WHERE sequence = 10`),
    ).rejects.toThrow('decision_audit is append-only');
    await expect(asService('DELETE FROM toestemming_audit WHERE sequence > 1')).rejects.toThrow('toestemming_audit is append-only');
    await expect(asService('DELETE FROM audit_chain_epoch')).rejects.toThrow('audit_chain_epoch is append-only');
    await expect(asService('SET session_replication_role = replica')).rejects.toThrow('permission denied');
    await expect(asService('CREATE ROLE intruder SUPERUSER')).rejects.toThrow('permission denied to create role');
    await expect(asService(`GRANT ${db.name}_owner TO ${db.name}_app`)).rejects.toThrow('permission denied to grant role');
    const [{ n }] = (await asService('SELECT count(*)::int AS n FROM decision_audit')) as { n: number }[];
    await decide(1);
    expect(await asService('SELECT count(*)::int AS n FROM decision_audit')).toEqual([{ n: n + 1 }]);
    expect(await verify(DECISION_CHAIN)).toMatchObject({ intact: true });
  });
});
