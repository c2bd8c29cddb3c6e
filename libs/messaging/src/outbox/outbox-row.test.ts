import { describe, expect, it } from '@jest/globals';
import { InvalidEventError, uitschrijvingRegistered, type CloudEvent } from '@estafette/contracts';
import { OUTBOX_COLUMNS, outboxRowOf } from './outbox-row.js';

const event = uitschrijvingRegistered.example as CloudEvent;

describe('an event as outbox row values', () => {
  it('gives id, type, unprefixed topic, subject as key and the event as JSON, in OUTBOX_COLUMNS order', () => {
    const row = outboxRowOf(event);
    expect(OUTBOX_COLUMNS).toEqual(['event_id', 'type', 'topic', 'key', 'event']);
    expect(row).toEqual([event.id, event.type, 'estafette.uitschrijving', event.subject, JSON.stringify(event)]);
    expect(JSON.parse(row[4])).toEqual(event);
  });

  it('refuses an event its contract refuses, as Outbox.addAll does', () => {
    const broken = { ...event, data: { ...(event.data as object), ageAtDeregistration: 'seventeen' } };
    expect(() => outboxRowOf(broken)).toThrow(InvalidEventError);
  });
});
