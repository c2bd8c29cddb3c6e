// The hot per-event statements run as named prepared statements (prepared-query.ts): parsed and planned once per
// connection, with the results and errors of TypeORM's manager.query. Checked on the real database's own view of the
// connection's prepared statements.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, QueryFailedError } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@estafette/testing';
import { MAX_PREPARED_STATEMENTS, preparedQuery } from '../src/index.js';

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase('prepared');
  dataSource = new DataSource({ type: 'postgres', url: database.ownerUrl, logging: false, poolSize: 1 });
  await dataSource.initialize();
  await dataSource.query('CREATE TABLE item (id int PRIMARY KEY, label text NOT NULL)');
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

const INSERT = 'INSERT INTO item (id, label) VALUES ($1, $2) RETURNING id, label';
const RENAME = 'UPDATE item SET label = $2 WHERE id = $1 RETURNING id';

interface Prepared {
  name: string;
  statement: string;
  plans: number;
}
const preparedOnThisConnection = async (): Promise<Prepared[]> =>
  dataSource.query(`SELECT name, statement, (generic_plans + custom_plans)::int AS plans FROM pg_prepared_statements`);

describe('preparedQuery', () => {
  it('prepares a statement once per connection and answers as manager.query does', async () => {
    const inserted = await dataSource.transaction(async (manager) => {
      const rows: { id: number; label: string }[][] = [];
      for (let id = 1; id <= 7; id++) rows.push(await preparedQuery(manager, INSERT, [id, `item ${id}`]));
      return rows;
    });
    expect(inserted).toEqual([1, 2, 3, 4, 5, 6, 7].map((id) => [{ id, label: `item ${id}` }]));

    const prepared = (await preparedOnThisConnection()).filter((p) => p.statement === INSERT);
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.name).toMatch(/^estafette_/);
    expect(prepared[0]!.plans).toBe(7);

    // UPDATE answers [rows, count], as TypeORM's postgres driver does for manager.query.
    const renamed = await dataSource.transaction((manager) => preparedQuery(manager, RENAME, [3, 'three']));
    expect(renamed).toEqual([[{ id: 3 }], 1]);
    expect(await dataSource.query('SELECT label FROM item WHERE id = 3')).toEqual([{ label: 'three' }]);
  });

  it("fails with TypeORM's QueryFailedError and the database's code, and the statement works again after the rollback", async () => {
    const failure = await dataSource
      .transaction((manager) => preparedQuery(manager, INSERT, [1, 'a second item 1']))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('23505');
    expect(String((failure as QueryFailedError).query)).toBe(INSERT);

    await expect(dataSource.transaction((manager) => preparedQuery(manager, INSERT, [8, 'item 8']))).resolves.toEqual([
      { id: 8, label: 'item 8' },
    ]);
    expect((await preparedOnThisConnection()).filter((p) => p.statement === INSERT)).toHaveLength(1);
  });

  it('names at most MAX_PREPARED_STATEMENTS texts; the rest run unnamed with the same answers', async () => {
    const texts = Array.from({ length: MAX_PREPARED_STATEMENTS + 5 }, (_, i) => `SELECT $1::int + ${i} AS n`);
    const answers = await dataSource.transaction(async (manager) => {
      const out: { n: number }[][] = [];
      for (const text of texts) out.push(await preparedQuery(manager, text, [100]));
      return out;
    });
    expect(answers).toEqual(texts.map((_, i) => [{ n: 100 + i }]));
    const prepared = await preparedOnThisConnection();
    expect(prepared.length).toBe(MAX_PREPARED_STATEMENTS);
    expect(prepared.some((p) => p.statement === texts.at(-1))).toBe(false);
  });
});
