import { dateTime, pseudonymousReference, uuid } from './fields.js';

export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';
export const SCHEMA_BASE_URI = 'https://schemas.estafette.nl/events/';

export const EVENT_TYPE_PATTERN = '^nl\\.estafette(\\.[a-z][a-z0-9-]*)+\\.v[1-9][0-9]*$';

/** `urn:nld:<scheme>:<identifier>:<system>`: the publishing organisation and the system within it. */
export const SOURCE_PATTERN =
  '^urn:nld:(oin:[0-9]{20}|brin:[0-9]{2}[A-Z0-9]{2}|gemeente:GM[0-9]{4}|rmc:MC[0-9]{2}|agb:[0-9]{8}):[a-z][a-z0-9-]{0,62}$';

/** W3C Trace Context version 00; all-zero trace and parent ids are invalid by that spec. */
export const TRACEPARENT_PATTERN = '^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$';

/** W3C tracestate: up to 32 comma-separated key=value members. */
export const TRACESTATE_PATTERN =
  '^[a-z0-9][a-z0-9_*/@-]{0,255}=[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{1,256}( *, *[a-z0-9][a-z0-9_*/@-]{0,255}=[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{1,256}){0,31}$';

/** Context attributes only; `data` is validated per type against the event's own schema. */
export const envelopeAttributes = {
  specversion: { type: 'string', const: '1.0' },
  id: uuid,
  source: { type: 'string', pattern: SOURCE_PATTERN },
  type: { type: 'string', pattern: EVENT_TYPE_PATTERN },
  time: dateTime,
  subject: pseudonymousReference,
  datacontenttype: { type: 'string', const: 'application/json' },
  dataschema: { type: 'string', format: 'uri', pattern: '^https://' },
  // Minimal notification: the receiver fetches content here, from the owner, who checks consent.
  dataref: { type: 'string', format: 'uri', pattern: '^https?://' },
  traceparent: { type: 'string', pattern: TRACEPARENT_PATTERN },
  tracestate: { type: 'string', maxLength: 512, pattern: TRACESTATE_PATTERN },
} as const;

export const requiredEnvelopeAttributes = [
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'subject',
  'datacontenttype',
  'dataschema',
] as const;

export const envelopeSchema = {
  $schema: JSON_SCHEMA_DIALECT,
  $id: `${SCHEMA_BASE_URI}cloudevent-envelope.json`,
  type: 'object',
  additionalProperties: false,
  required: [...requiredEnvelopeAttributes, 'data'],
  properties: { ...envelopeAttributes, data: { type: 'object' } },
} as const;
