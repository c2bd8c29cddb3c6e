import { randomUUID } from 'node:crypto';
import type { CloudEvent, EventDefinition } from './cloud-event.js';
import { validateEvent } from './validate.js';

export class InvalidEventError extends Error {
  constructor(
    readonly type: string,
    readonly errors: string[],
  ) {
    super(`Invalid ${type} event: ${errors.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

export interface CreateEventFields<T> {
  source: string;
  subject: string;
  data: T;
  dataref?: string;
  traceparent?: string;
  tracestate?: string;
  id?: string;
  time?: string;
}

/**
 * Builds the envelope and validates the whole event, throwing InvalidEventError: an invalid event
 * caught at the publisher never reaches a consumer's dead-letter topic.
 */
export function createEvent<T>(def: EventDefinition<T>, fields: CreateEventFields<T>): CloudEvent<T> {
  const event: CloudEvent<T> = {
    specversion: '1.0',
    id: fields.id ?? randomUUID(),
    source: fields.source,
    type: def.type,
    time: fields.time ?? new Date().toISOString(),
    subject: fields.subject,
    datacontenttype: 'application/json',
    dataschema: (def.schema as { $id: string }).$id,
    ...(fields.dataref === undefined ? {} : { dataref: fields.dataref }),
    ...(fields.traceparent === undefined ? {} : { traceparent: fields.traceparent }),
    ...(fields.tracestate === undefined ? {} : { tracestate: fields.tracestate }),
    data: fields.data,
  };
  const result = validateEvent(event);
  if (!result.ok) throw new InvalidEventError(def.type, result.errors);
  return event;
}
