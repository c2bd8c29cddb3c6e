import type { EntityManager } from 'typeorm';
import type { CloudEvent } from '@estafette/contracts';
import { OUTBOX_CHANNEL, OUTBOX_COLUMNS, outboxRowOf } from './outbox-row.js';
import { preparedQuery } from '../prepared-query.js';
import type { OutboxHold } from './outbox-hold.js';

/**
 * The events' rows as parallel arrays (unnest), in input order, with their hold ($7, null for none), and the relay's
 * wake-up unless they are held: one round trip.
 */
const STAGE = `WITH staged AS (
    INSERT INTO outbox (${OUTBOX_COLUMNS.join(', ')}, held_by)
    SELECT event_id, type, topic, key, event::jsonb, $7::text
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
           AS e (${OUTBOX_COLUMNS.join(', ')}, ordinal)
     ORDER BY ordinal
    RETURNING 1
  )
  SELECT pg_notify($6, '') FROM (SELECT 1 FROM staged LIMIT 1) AS any_staged WHERE $7::text IS NULL`;

export interface StageOptions {
  /** Keeps the events from the relay until the hold is released (see OutboxHold). */
  hold?: OutboxHold;
}

export class Outbox {
  /**
   * Stage an event in the caller's transaction, so the state change and its event commit (or roll back)
   * together. Validated here: a bad event should fail the use case, not surface later in a DLQ.
   */
  static async add(manager: EntityManager, event: CloudEvent): Promise<void> {
    await Outbox.addAll(manager, [event]);
  }

  static async addAll(manager: EntityManager, events: CloudEvent[], options: StageOptions = {}): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.add needs the EntityManager of an open transaction (dataSource.transaction(...))');
    }
    if (events.length === 0) return;
    // Validated (InvalidEventError) before anything is written, exactly as outboxRowOf does for one-statement use cases.
    const rows = events.map(outboxRowOf);
    const columns = OUTBOX_COLUMNS.map((_, i) => rows.map((row) => row[i]));
    await preparedQuery(manager, STAGE, [...columns, OUTBOX_CHANNEL, options.hold?.id ?? null]);
  }
}
