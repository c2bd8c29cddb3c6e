/** A CloudEvent in structured form, following the NL GOV profile for CloudEvents. */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  dataschema: string;
  dataref?: string;
  traceparent?: string;
  tracestate?: string;
  data: T;
}

export interface EventDefinition<T = unknown> {
  /** Reverse-DNS type with version suffix, e.g. `nl.estafette.uitschrijving.registered.v1`. */
  type: string;
  /** Name of the Kafka topic this event type goes to. */
  topic: string;
  version: number;
  /** JSON Schema (draft-07) of `data`; its `$id` is the event's `dataschema`. */
  schema: object;
  example: CloudEvent<T>;
  description: string;
}

export type ValidationResult = { ok: true } | { ok: false; errors: string[] };
