import { describe, expect, it } from '@jest/globals';
import type { CloudEvent } from '@estafette/contracts';
import { fromKafkaMessage, MalformedMessageError, toKafkaMessage } from './kafka-codec.js';

const event: CloudEvent<{ reason: string }> = {
  specversion: '1.0',
  id: '0b7c9d4e-1f2a-4b3c-8d5e-6f7a8b9c0d1e',
  source: 'urn:nld:oin:00000001234567890000:systeem:school',
  type: 'nl.estafette.test.v1',
  time: '2026-11-02T10:00:00.000Z',
  subject: 'pr_PRFN6PJMXMPM5PNC83TDVZ9FSB',
  datacontenttype: 'application/json',
  dataschema: 'https://estafette.example/schemas/test/v1',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  data: { reason: 'verhuizing' },
};

/** What kafkajs hands a consumer: everything as Buffers. */
function asReceived(message: ReturnType<typeof toKafkaMessage>) {
  return {
    key: Buffer.from(message.key),
    value: Buffer.from(message.value),
    headers: Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, Buffer.from(v)])),
  };
}

describe('CloudEvents binary mode', () => {
  it('puts attributes in ce_ headers, data in the value, and the subject in the key', () => {
    const message = toKafkaMessage(event);
    expect(message.key).toBe(event.subject);
    expect(JSON.parse(message.value)).toEqual(event.data);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: event.source,
      ce_type: event.type,
      ce_time: event.time,
      ce_subject: event.subject,
      ce_dataschema: event.dataschema,
      ce_traceparent: event.traceparent,
      'content-type': 'application/json',
    });
    expect(message.headers).not.toHaveProperty('ce_dataref');
  });

  it('round-trips through what a consumer receives', () => {
    expect(fromKafkaMessage(asReceived(toKafkaMessage(event)))).toEqual(event);
    const withRef = { ...event, dataref: 'https://school.example/api/uitschrijvingen/1', tracestate: 'x=1' };
    expect(fromKafkaMessage(asReceived(toKafkaMessage(withRef)))).toEqual(withRef);
  });

  it.each([
    ['a missing required header', (m: ReturnType<typeof toKafkaMessage>) => delete m.headers.ce_type, /ce_type/],
    ['a value that is not JSON', (m: ReturnType<typeof toKafkaMessage>) => (m.value = '{nope'), /not JSON/],
    ['another content type', (m: ReturnType<typeof toKafkaMessage>) => (m.headers['content-type'] = 'application/avro'), /content-type/],
  ])('rejects %s with a reason', (_label, corrupt, reason) => {
    const message = toKafkaMessage(event);
    corrupt(message);
    let caught: unknown;
    try {
      fromKafkaMessage(asReceived(message));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MalformedMessageError);
    expect((caught as MalformedMessageError).reason).toMatch(reason);
  });

  it('rejects a tombstone (null value)', () => {
    expect(() => fromKafkaMessage({ ...asReceived(toKafkaMessage(event)), value: null })).toThrow(MalformedMessageError);
  });
});

describe('CloudEvents structured mode (application/cloudevents+json)', () => {
  const structured = (body: unknown, contentType = 'application/cloudevents+json; charset=utf-8') => ({
    key: Buffer.from(event.subject),
    value: Buffer.from(JSON.stringify(body)),
    headers: { 'content-type': Buffer.from(contentType) },
  });

  it('decodes into the same event as binary mode', () => {
    expect(fromKafkaMessage(structured(event))).toEqual(fromKafkaMessage(asReceived(toKafkaMessage(event))));
  });

  it.each([
    [{ ...event, id: undefined }, 'misses attribute(s) id'],
    [{ ...event, datacontenttype: 'application/xml' }, "unsupported datacontenttype 'application/xml'"],
    [{ ...event, data: undefined, data_base64: 'e30=' }, 'has no data'],
    [{ ...event, time: 'x' }, "ce_time 'x' is not a timestamp"],
    [[event], 'not a JSON object'],
  ])('refuses a malformed structured event with its reason (%#)', (body, reason) => {
    expect(() => fromKafkaMessage(structured(body))).toThrow(MalformedMessageError);
    expect(() => fromKafkaMessage(structured(body))).toThrow(reason);
  });

  it('refuses a binary-mode record whose ce_time is no timestamp', () => {
    const message = asReceived(toKafkaMessage(event));
    message.headers.ce_time = Buffer.from('x');
    expect(() => fromKafkaMessage(message)).toThrow("ce_time 'x' is not a timestamp");
  });
});
