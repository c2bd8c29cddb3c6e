import type { EntityManager } from 'typeorm';
import { InvalidEventError, topicFor, validateEvent, type CloudEvent } from '@estafette/contracts';
import { OutboxRecord } from './outbox-record.entity.js';

/** NOTIFY channel the relay LISTENs on; a notify is delivered only when the writing transaction commits. */
export const OUTBOX_CHANNEL = 'estafette_outbox';

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
    const rows: Partial<OutboxRecord>[] = events.map((event) => {
      const result = validateEvent(event);
      if (!result.ok) throw new InvalidEventError(event.type, result.errors);
      return { eventId: event.id, type: event.type, topic: topicFor(event.type).name, key: event.subject, event };
    });
    // The jsonb column takes the event as-is; TypeORM's deep-partial typing cannot see through `data: unknown`.
    await manager.insert(OutboxRecord, rows as object[]);
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}
