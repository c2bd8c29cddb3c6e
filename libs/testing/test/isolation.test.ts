import { afterAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { createTestDatabase, kafkaAccess, provisionTestTopics, uniqueTopicPrefix, type TestDatabase } from '../src/index.js';

describe('test isolation on the real broker and server', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
  });

  test('two suites get two databases, each with its own roles, that do not see each other', async () => {
    const [a, b] = await Promise.all([createTestDatabase('a'), createTestDatabase('b')]);
    databases.push(a!, b!);
    // The owner makes the table (as a migration would); the runtime role may then write rows, not tables.
    await run(a!.ownerUrl, 'CREATE TABLE t (v int)');
    await run(a!.url, 'INSERT INTO t VALUES (1)');
    await expect(run(a!.url, 'CREATE TABLE u (v int)')).rejects.toThrow('permission denied for schema public');
    await expect(run(b!.url, 'SELECT * FROM t')).rejects.toThrow(/relation "t" does not exist/);
    // Nor can one suite's runtime role connect to the other's database.
    const across = new URL(a!.url);
    across.pathname = `/${b!.name}`;
    await expect(run(across.href, 'SELECT 1')).rejects.toThrow(`permission denied for database "${b!.name}"`);
    expect(a!.name).not.toBe(b!.name);
  });

  test('a prefix provisions every contract topic and its DLQ for that suite alone', async () => {
    const prefix = uniqueTopicPrefix();
    expect(prefix).not.toBe(uniqueTopicPrefix());
    await provisionTestTopics(prefix);
    const { brokers, sasl } = kafkaAccess();
    const admin = new Kafka({
      brokers,
      logLevel: logLevel.NOTHING,
      ...(sasl ? { sasl: { mechanism: 'scram-sha-512', ...sasl } } : {}),
    }).admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    await admin.disconnect();
    expect(mine).toEqual(expect.arrayContaining([`${prefix}estafette.uitschrijving`, `${prefix}estafette.uitschrijving.dlq`]));
    expect(mine.length).toBeGreaterThanOrEqual(14);
  });
});

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
