import type { IHeaders } from 'kafkajs';
import type { CloudEvent } from '@estafette/contracts';

/** A record as the producer sends it: CloudEvents binary mode, attributes in `ce_` headers, data as value. */
export interface EncodedKafkaMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** What we accept when decoding: both what kafkajs delivers (Buffers) and what we produce (strings). */
export interface RawKafkaMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
}

export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
  constructor(readonly reason: string) {
    super(`malformed CloudEvents Kafka message: ${reason}`);
  }
}

const REQUIRED = ['specversion', 'id', 'source', 'type', 'time', 'subject', 'dataschema'] as const;
const OPTIONAL = ['dataref', 'traceparent', 'tracestate'] as const;
const CONTENT_TYPE = 'application/json';
const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json';

export function toKafkaMessage(event: CloudEvent): EncodedKafkaMessage {
  const headers: Record<string, string> = {};
  for (const attribute of REQUIRED) headers[`ce_${attribute}`] = String(event[attribute]);
  for (const attribute of OPTIONAL) {
    const value = event[attribute];
    if (value !== undefined && value !== null) headers[`ce_${attribute}`] = String(value);
  }
  headers['content-type'] = CONTENT_TYPE;
  // The key is the pseudonymous subject so one young person's events share a partition and stay ordered.
  return { key: event.subject, value: JSON.stringify(event.data), headers };
}

/**
 * Decodes a record in either mode of the CloudEvents Kafka protocol binding into the same event: binary mode (attributes
 * in `ce_` headers, data as value, what we produce) or structured mode (`content-type: application/cloudevents+json`, the
 * whole event as JSON in the value). Throws MalformedMessageError naming what is wrong.
 */
export function fromKafkaMessage(message: RawKafkaMessage): CloudEvent {
  const headers = headersAsStrings(message.headers);
  const contentType = headers['content-type'];
  if (contentType?.toLowerCase().startsWith(STRUCTURED_CONTENT_TYPE)) return fromStructured(message);
  if (contentType !== undefined && !contentType.toLowerCase().startsWith(CONTENT_TYPE)) {
    throw new MalformedMessageError(`unsupported content-type '${contentType}'`);
  }
  const missing = REQUIRED.filter((attribute) => !headers[`ce_${attribute}`]);
  if (missing.length > 0) throw new MalformedMessageError(`missing header(s) ${missing.map((m) => `ce_${m}`).join(', ')}`);
  if (message.value === null || message.value === undefined) throw new MalformedMessageError('empty value');

  let data: unknown;
  try {
    data = JSON.parse(message.value.toString());
  } catch (error) {
    throw new MalformedMessageError(`value is not JSON: ${(error as Error).message}`);
  }

  const event: Record<string, unknown> = { datacontenttype: CONTENT_TYPE };
  for (const attribute of REQUIRED) event[attribute] = headers[`ce_${attribute}`];
  for (const attribute of OPTIONAL) if (headers[`ce_${attribute}`] !== undefined) event[attribute] = headers[`ce_${attribute}`];
  event.data = data;
  return checkedTime(event as unknown as CloudEvent);
}

function fromStructured(message: RawKafkaMessage): CloudEvent {
  if (message.value === null || message.value === undefined) throw new MalformedMessageError('empty value');
  let body: unknown;
  try {
    body = JSON.parse(message.value.toString());
  } catch (error) {
    throw new MalformedMessageError(`structured event is not JSON: ${(error as Error).message}`);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new MalformedMessageError('structured event is not a JSON object');
  const fields = body as Record<string, unknown>;
  const missing = REQUIRED.filter((attribute) => typeof fields[attribute] !== 'string' || fields[attribute] === '');
  if (missing.length > 0) throw new MalformedMessageError(`structured event misses attribute(s) ${missing.join(', ')}`);
  const declared = fields.datacontenttype;
  if (declared !== undefined && !(typeof declared === 'string' && declared.toLowerCase().startsWith(CONTENT_TYPE)))
    throw new MalformedMessageError(`unsupported datacontenttype '${String(declared)}'`);
  if (!('data' in fields)) throw new MalformedMessageError('structured event has no data (data_base64 is not accepted: data is JSON)');
  const event: Record<string, unknown> = { datacontenttype: CONTENT_TYPE };
  for (const attribute of REQUIRED) event[attribute] = fields[attribute];
  for (const attribute of OPTIONAL) if (typeof fields[attribute] === 'string') event[attribute] = fields[attribute];
  event.data = fields.data;
  return checkedTime(event as unknown as CloudEvent);
}

/** `time` is a timestamp (CloudEvents: RFC 3339); a store cannot hold anything else. */
function checkedTime(event: CloudEvent): CloudEvent {
  if (Number.isNaN(Date.parse(event.time))) throw new MalformedMessageError(`ce_time '${event.time}' is not a timestamp`);
  return event;
}

/** kafkajs hands headers over as Buffers (or arrays when repeated); the first value wins. */
export function headersAsStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && value !== null) out[name] = value.toString();
  }
  return out;
}
