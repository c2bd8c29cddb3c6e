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

export function fromKafkaMessage(message: RawKafkaMessage): CloudEvent {
  const headers = headersAsStrings(message.headers);
  const contentType = headers['content-type'];
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
  return event as unknown as CloudEvent;
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
