import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { OUTBOX_CHANNEL } from './outbox-row.js';

/** Where the statements go: a data source or a transaction's manager. */
type Queryable = Pick<EntityManager, 'query'>;

/**
 * Events staged under a hold (`Outbox.addAll(manager, events, { hold })`, or `held_by = hold.id` in a use case's own
 * statement) stay in the outbox, committed but unpublished, until `release`. For a bulk import: its events are not
 * consumed along the chain while the import runs, so the upload gets the machine and its answer comes sooner, and the
 * chain takes them all afterwards (issue 19, design; measured in infra/bench/README.md).
 *
 * Order per young person holds for events committed after a held one: the relay publishes no event of a key that has an
 * earlier held row, so a later event of the same young person (an API call during the import) waits for it. Events of
 * other keys flow on. A young person's key is the same at every school, so a hold delays other schools' events of the
 * same young people: `renewIfDue`, called between batches, releases every `maxAgeMs` while rows keep coming; rows of an
 * upload that stalls wait for the relay's `holdTimeoutMs` (seen: 500 rows of a stalled upload freed after 2 minutes).
 * A hold the process could not release (it crashed, or the database failed at the end) is released by the relay: at
 * its start (any relay on that database: with two instances, a starting one also frees the other's running import,
 * which only costs that import its head start) and, for rows committed later or a live process, once they are
 * `OutboxRelayOptions.holdTimeoutMs` old.
 */
export class OutboxHold {
  private currentId = newId();
  private since = Date.now();

  /** `maxAgeMs`: how long `renewIfDue` lets one id hold rows (default 30 s). */
  constructor(
    private readonly db: Queryable,
    private readonly maxAgeMs = 30_000,
  ) {}

  /** What held rows carry in `held_by` now; random, so two imports (or two instances) never share a hold. */
  get id(): string {
    return this.currentId;
  }

  /** Makes the held events publishable (the relay is woken) and returns how many there were; releasing twice is harmless. */
  release(): Promise<number> {
    return releaseRows(this.db, 'held_by = $1', [this.currentId]);
  }

  /**
   * Once this hold is `maxAgeMs` old: releases what it holds and goes on holding under a new id. Call it only when no
   * statement staging under this hold is in flight (one still running would stage under the released id and wait for
   * the relay's timeout). Returns how many were released (0 when not due).
   */
  async renewIfDue(): Promise<number> {
    if (Date.now() - this.since < this.maxAgeMs) return 0;
    const released = await this.release();
    this.currentId = newId();
    this.since = Date.now();
    return released;
  }
}

const newId = () => `hold-${randomUUID()}`;

/**
 * Releases every held row staged at least `olderThanMs` ago (0: every held row) and returns how many: the relay's
 * recovery for holds nobody will release (see OutboxHold). A hold may come free in part; its younger rows keep waiting,
 * and each young person's order still holds.
 */
export function releaseHeldRows(db: Queryable, olderThanMs: number): Promise<number> {
  return releaseRows(db, `held_by IS NOT NULL AND created_at <= clock_timestamp() - make_interval(secs => $1)`, [olderThanMs / 1000]);
}

async function releaseRows(db: Queryable, where: string, values: unknown[]): Promise<number> {
  const [{ released }] = (await db.query(
    `WITH released AS (UPDATE outbox SET held_by = NULL WHERE ${where} RETURNING 1),
          notified AS (SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM (SELECT 1 FROM released LIMIT 1) AS any_released)
     SELECT (SELECT count(*)::int FROM released) AS released, (SELECT count(*) FROM notified) AS notified`,
    values,
  )) as [{ released: number }];
  return released;
}
