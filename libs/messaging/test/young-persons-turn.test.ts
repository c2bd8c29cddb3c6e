// A young person's turn is a transaction-scoped advisory lock. Within a consumer's batch the turns are remembered, so a
// handler taking its event's turn again costs no statement; the memory must never outlive the work it was made for.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { rememberingTurns, takeYoungPersonsTurn } from '../src/index.js';
import { createTestBed, subjects, type TestBed } from './support.js';

let bed: TestBed;

beforeAll(async () => {
  bed = await createTestBed('turns');
});

afterAll(async () => {
  await bed?.close();
});

/** The statements `work` sends through `manager`. */
async function statementsOf(manager: EntityManager, work: () => Promise<void>): Promise<string[]> {
  const sent: string[] = [];
  const query = manager.query.bind(manager);
  manager.query = ((text: string, parameters?: unknown[]) => {
    sent.push(text);
    return query(text, parameters);
  }) as typeof manager.query;
  try {
    await work();
  } finally {
    manager.query = query;
  }
  return sent;
}

/** Whether another session can take `subject`'s turn right now (it cannot while a transaction holds it). */
async function turnIsFree(subject: string): Promise<boolean> {
  const [{ free }] = await bed.dataSource.query(`SELECT pg_try_advisory_lock(hashtextextended('estafette.subject:' || $1, 0)) AS free`, [
    subject,
  ]);
  if (free) await bed.dataSource.query(`SELECT pg_advisory_unlock(hashtextextended('estafette.subject:' || $1, 0))`, [subject]);
  return free;
}

it('takes a turn the batch already holds without a statement, and only that one', async () => {
  await bed.dataSource.transaction((manager) =>
    rememberingTurns(manager, async () => {
      await takeYoungPersonsTurn(manager, [subjects[0]!, subjects[1]!]);
      expect(await turnIsFree(subjects[0]!)).toBe(false);
      expect(await statementsOf(manager, () => takeYoungPersonsTurn(manager, subjects[0]!))).toEqual([]);
      const another = await statementsOf(manager, () => takeYoungPersonsTurn(manager, [subjects[1]!, subjects[2]!]));
      expect(another).toHaveLength(1);
      expect(await turnIsFree(subjects[2]!)).toBe(false);
    }),
  );
  expect(await turnIsFree(subjects[0]!)).toBe(true);
});

it('forgets the turns when the work ends: the same runner in its next transaction takes them again', async () => {
  const runner = bed.dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await rememberingTurns(runner.manager, () => takeYoungPersonsTurn(runner.manager, subjects[0]!));
    await runner.commitTransaction();
    expect(await turnIsFree(subjects[0]!)).toBe(true);

    await runner.startTransaction();
    const sent = await statementsOf(runner.manager, () => takeYoungPersonsTurn(runner.manager, subjects[0]!));
    expect(sent).toHaveLength(1);
    expect(await turnIsFree(subjects[0]!)).toBe(false);
    await runner.rollbackTransaction();
  } finally {
    await runner.release();
  }
});
