import { InvalidEventError, topicFor, validateEvent, type CloudEvent } from '@estafette/contracts';

/** NOTIFY channel the relay LISTENs on; a notify is delivered only when the writing transaction commits. */
export const OUTBOX_CHANNEL = 'estafette_outbox';

/** The outbox columns a staged event fills, in the order `outboxRowOf` gives their values (the rest keep their defaults). */
export const OUTBOX_COLUMNS = ['event_id', 'type', 'topic', 'key', 'event'] as const;

/**
 * One event as outbox row values: what `Outbox.addAll` stages, and what a use case that stages its state change and
 * its events in one statement (one round trip; issue 19) writes itself. A bad event throws InvalidEventError before
 * anything is written. The statement must also `pg_notify(OUTBOX_CHANNEL, '')`
 * when it stages a row, or the relay learns of it only at its next interval. `event` is JSON text (cast it `::jsonb`).
 */
export function outboxRowOf(event: CloudEvent): [eventId: string, type: string, topic: string, key: string, event: string] {
  const result = validateEvent(event);
  if (!result.ok) throw new InvalidEventError(event.type, result.errors);
  return [event.id, event.type, topicFor(event.type).name, event.subject, JSON.stringify(event)];
}
