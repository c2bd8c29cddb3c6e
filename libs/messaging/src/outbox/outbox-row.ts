import { InvalidEventError, topicFor, validateEvent, type CloudEvent } from '@estafette/contracts';

/** The outbox columns a staged event fills, in the order `outboxRowOf` gives their values (the rest keep their defaults). */
export const OUTBOX_COLUMNS = ['event_id', 'type', 'topic', 'key', 'event'] as const;

/**
 * One event as outbox row values, for a use case that stages its state change and its events in one statement
 * (one round trip; issue 19) instead of through `Outbox.addAll`. The same row and the same validation: a bad event
 * throws InvalidEventError before anything is written. The statement must also `pg_notify(OUTBOX_CHANNEL, '')`
 * when it stages a row, or the relay learns of it only at its next interval. `event` is JSON text (cast it `::jsonb`).
 */
export function outboxRowOf(event: CloudEvent): [eventId: string, type: string, topic: string, key: string, event: string] {
  const result = validateEvent(event);
  if (!result.ok) throw new InvalidEventError(event.type, result.errors);
  return [event.id, event.type, topicFor(event.type).name, event.subject, JSON.stringify(event)];
}
