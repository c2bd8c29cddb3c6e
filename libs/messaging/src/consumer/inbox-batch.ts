import type { DataSource, EntityManager } from 'typeorm';
import type { CloudEvent } from '@estafette/contracts';
import { withEventContext } from '../event-context.js';
import { rememberingTurns, takeTurnsSql, turnsTaken } from './young-persons-turn.js';
import { preparedQuery } from '../prepared-query.js';

export type EventHandler = (event: CloudEvent, manager: EntityManager) => Promise<void>;

/**
 * Handles several fresh events of one type at once, in the consumer's transaction: `events` are in offset order and
 * name distinct subjects (a young person's second event waits for the next call), so one statement per step can
 * serve them all (issue 19: a statement per event was most of a consumer's socket writes). Throwing fails all of
 * them; the consumer then applies them one at a time, each as a one-event batch, to find the one at fault.
 */
export type EventBatchHandler = (events: CloudEvent[], manager: EntityManager) => Promise<void>;

/** One event its consumer has a handler for, ready to apply; `batchHandler` when its type is handled in batches. */
export interface Work {
  event: CloudEvent;
  handler: EventHandler;
  batchHandler?: EventBatchHandler;
}

/** What applying one event came to: its handler ran (fresh) or the inbox already had it (duplicate); ms in the handler. */
export interface Applied {
  fresh: boolean;
  durationMs: number;
}

/**
 * Where a batch failed: the work at `index` threw, or, with `through`, a batch handler threw for the work from `index`
 * to `through` (inclusive) together, which names none of them.
 */
export interface BatchFailure {
  index: number;
  through?: number;
  error: unknown;
}

/** Either every event was applied and committed, or nothing was committed and `failure` says where it failed. */
export type InboxBatchResult = { applied: Applied[]; failure?: undefined } | { applied?: undefined; failure: BatchFailure };

class HandlerFailed {
  constructor(readonly failure: BatchFailure) {}
}

/**
 * Applies `work` in ONE transaction: one statement takes every subject's turn (takeTurnsSql; remembered, so handlers
 * taking them again send nothing) and writes the inbox rows of all events, INSERT ... ON CONFLICT DO NOTHING RETURNING
 * (the ids returned are fresh; an id twice in the batch is handled once, at its first offset),
 * then the fresh events' handlers in order on the same transaction: consecutive events of a batch handler in one call
 * (runsOf), the others one by one. No savepoints: a handler that throws rolls the whole transaction back (its inbox row
 * included) and is reported as `failure`, and the caller re-applies the events before it and isolates the failing one
 * (or, for a failed run of a batch handler, applies the run's events one at a time). The happy path costs one
 * statement per batch for the inbox and nothing per event beyond the handlers' own statements; a failure costs
 * re-running its predecessors, which is rare (design).
 * Throws when the transaction itself fails (begin, inbox insert, commit): the store's fault, not a handler's.
 */
export async function applyInboxBatch(dataSource: DataSource, consumerGroup: string, work: Work[]): Promise<InboxBatchResult> {
  try {
    const applied = await dataSource.transaction((manager) =>
      rememberingTurns(manager, async () => {
        const fresh = await takeTurnsAndInsertInboxRows(manager, consumerGroup, work);
        const outcomes: Applied[] = work.map(() => ({ fresh: false, durationMs: 0 }));
        // Fresh ids, each at its first offset (an id twice in the batch is handled once).
        const toHandle = work.flatMap((item, index) => (fresh.delete(item.event.id) ? [index] : []));
        for (const run of runsOf(work, toHandle)) await applyRun(manager, work, run, outcomes);
        return outcomes;
      }),
    );
    return { applied };
  } catch (error) {
    if (error instanceof HandlerFailed) return { failure: error.failure };
    throw error;
  }
}

/**
 * The fresh work (indexes into `work`, in order) cut into runs that one call may handle: consecutive events of one type
 * and batch handler with distinct subjects; an event without a batch handler is a run of its own. Duplicates between two events
 * do not cut a run: they run no handler. A subject's second event starts a new run, because one statement cannot
 * upsert one row twice (SQLSTATE 21000) and its second event must see what the first wrote.
 */
export function runsOf(work: readonly Work[], fresh: readonly number[]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  let subjects = new Set<string>();
  for (const index of fresh) {
    const { batchHandler, event } = work[index]!;
    const previous = run.length > 0 ? work[run[0]!]! : undefined;
    const joins = batchHandler && previous?.batchHandler === batchHandler && previous.event.type === event.type;
    if (previous && (!joins || subjects.has(event.subject))) {
      runs.push(run);
      run = [];
      subjects = new Set();
    }
    run.push(index);
    subjects.add(event.subject);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** One run on the transaction: a single event through its handler (in its log context), several through their batch handler. */
async function applyRun(manager: EntityManager, work: readonly Work[], run: number[], outcomes: Applied[]): Promise<void> {
  const started = performance.now();
  const first = run[0]!;
  try {
    if (run.length === 1) {
      const { event, handler } = work[first]!;
      await withEventContext({ eventId: event.id, eventType: event.type, traceparent: event.traceparent }, () => handler(event, manager));
    } else {
      await work[first]!.batchHandler!(
        run.map((index) => work[index]!.event),
        manager,
      );
    }
  } catch (error) {
    throw new HandlerFailed(run.length === 1 ? { index: first, error } : { index: first, through: run.at(-1)!, error });
  }
  const each = (performance.now() - started) / run.length;
  for (const index of run) outcomes[index] = { fresh: true, durationMs: each };
}

const TAKE_TURNS_AND_INSERT_INBOX_ROWS = `WITH turns AS (${takeTurnsSql('$4')})
     INSERT INTO inbox (consumer_group, event_id, type)
     SELECT $1, id, type FROM unnest($2::text[], $3::text[]) AS e(id, type) WHERE (SELECT count(*) FROM turns) >= 0
     ON CONFLICT DO NOTHING RETURNING event_id`;

/**
 * The turns first (the CTE runs before any row is inserted: the insert waits on its count), then the inbox rows. The
 * insert needs no read under the turns (ON CONFLICT sees concurrent commits itself); the handlers' statements come
 * after, each with a snapshot taken once the turns are held.
 */
async function takeTurnsAndInsertInboxRows(manager: EntityManager, consumerGroup: string, work: Work[]): Promise<Set<string>> {
  const subjects = [...new Set(work.map((w) => w.event.subject))];
  const inserted: { event_id: string }[] = await preparedQuery(manager, TAKE_TURNS_AND_INSERT_INBOX_ROWS, [
    consumerGroup,
    work.map((w) => w.event.id),
    work.map((w) => w.event.type),
    subjects,
  ]);
  turnsTaken(manager, subjects);
  return new Set(inserted.map((row) => row.event_id));
}
