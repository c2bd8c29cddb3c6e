import type { DataSource, EntityManager } from 'typeorm';
import type { CloudEvent } from '@estafette/contracts';
import { withEventContext } from '../event-context.js';
import { rememberingTurns, takeTurnsSql, turnsTaken } from './young-persons-turn.js';
import { preparedQuery } from '../prepared-query.js';

export type EventHandler = (event: CloudEvent, manager: EntityManager) => Promise<void>;

/** One event its consumer has a handler for, ready to apply. */
export interface Work {
  event: CloudEvent;
  handler: EventHandler;
}

/** What applying one event came to: its handler ran (fresh) or the inbox already had it (duplicate); ms in the handler. */
export interface Applied {
  fresh: boolean;
  durationMs: number;
}

/** Either every event was applied and committed, or nothing was committed and `failure` names the first handler that threw. */
export type InboxBatchResult =
  { applied: Applied[]; failure?: undefined } | { applied?: undefined; failure: { index: number; error: unknown } };

class HandlerFailed {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {}
}

/**
 * Applies `work` in ONE transaction: one statement takes every subject's turn (takeTurnsSql; remembered, so handlers
 * taking them again send nothing) and writes the inbox rows of all events, INSERT ... ON CONFLICT DO NOTHING RETURNING
 * (the ids returned are fresh; an id twice in the batch is handled once, at its first offset),
 * then each fresh event's handler in order on the same transaction. No savepoints: a handler that throws rolls the
 * whole transaction back (its inbox row included) and is reported as `failure`, and the caller re-applies the events
 * before it and isolates the failing one. The happy path costs one statement per batch for the inbox and nothing per
 * event beyond the handler's own statements; a failure costs re-running its predecessors, which is rare (design).
 * Throws when the transaction itself fails (begin, inbox insert, commit): the store's fault, not a handler's.
 */
export async function applyInboxBatch(dataSource: DataSource, consumerGroup: string, work: Work[]): Promise<InboxBatchResult> {
  try {
    const applied = await dataSource.transaction((manager) =>
      rememberingTurns(manager, async () => {
        const fresh = await takeTurnsAndInsertInboxRows(manager, consumerGroup, work);
        const outcomes: Applied[] = [];
        for (const [index, { event, handler }] of work.entries()) {
          if (!fresh.delete(event.id)) {
            outcomes.push({ fresh: false, durationMs: 0 });
            continue;
          }
          const started = performance.now();
          try {
            await withEventContext({ eventId: event.id, eventType: event.type, traceparent: event.traceparent }, () =>
              handler(event, manager),
            );
          } catch (error) {
            throw new HandlerFailed(index, error);
          }
          outcomes.push({ fresh: true, durationMs: performance.now() - started });
        }
        return outcomes;
      }),
    );
    return { applied };
  } catch (error) {
    if (error instanceof HandlerFailed) return { failure: { index: error.index, error: error.error } };
    throw error;
  }
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
