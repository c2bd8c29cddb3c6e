import type { EntityManager } from 'typeorm';
import type { CloudEvent } from '@estafette/contracts';
import { OUTBOX_CHANNEL, OUTBOX_COLUMNS, outboxRowOf } from './outbox-row.js';
import { preparedQuery } from '../prepared-query.js';

/** The events' rows as parallel arrays (unnest), in input order, and the relay's wake-up: one round trip. */
const STAGE = `WITH staged AS (
    INSERT INTO outbox (${OUTBOX_COLUMNS.join(', ')})
    SELECT event_id, type, topic, key, event::jsonb
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
           AS e (${OUTBOX_COLUMNS.join(', ')}, ordinal)
     ORDER BY ordinal
    RETURNING 1
  )
  SELECT pg_notify($6, '') FROM (SELECT 1 FROM staged LIMIT 1) AS any_staged`;

export class Outbox {
  /**
   * Stage an event in the caller's transaction, so the state change and its event commit (or roll back)
   * together. Validated here: a bad event should fail the use case, not surface later in a DLQ.
   */
  static async add(manager: EntityManager, event: CloudEvent): Promise<void> {
    await Outbox.addAll(manager, [event]);
  }

  static async addAll(manager: EntityManager, events: CloudEvent[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.add needs the EntityManager of an open transaction (dataSource.transaction(...))');
    }
    if (events.length === 0) return;
    // Validated (InvalidEventError) before anything is written, exactly as outboxRowOf does for one-statement use cases.
    const rows = events.map(outboxRowOf);
    const columns = OUTBOX_COLUMNS.map((_, i) => rows.map((row) => row[i]));
    await preparedQuery(manager, STAGE, [...columns, OUTBOX_CHANNEL]);
  }
}
