import { describe, expect, test } from '@jest/globals';
import type { CloudEvent } from './cloud-event.js';
import { createEvent, InvalidEventError } from './create-event.js';
import { eventDefinitions } from './event-definitions.js';
import { overdrachtOffered, type OverdrachtOfferedData } from './events/overdracht.js';
import { plaatsingPlaced } from './events/plaatsing.js';
import { uitschrijvingRegistered, type UitschrijvingRegisteredData } from './events/uitschrijving.js';
import { validateEvent } from './validate.js';

function broken<T>(event: CloudEvent<T>, change: (copy: CloudEvent<T> & Record<string, unknown>) => void): unknown {
  const copy = structuredClone(event) as CloudEvent<T> & Record<string, unknown>;
  change(copy);
  return copy;
}

function errorsOf(event: unknown): string[] {
  const result = validateEvent(event);
  return result.ok ? [] : result.errors;
}

describe('examples', () => {
  test.each(eventDefinitions.map((d) => [d.type, d] as const))('%s example validates', (_type, definition) => {
    expect(validateEvent(definition.example)).toEqual({ ok: true });
  });

  test('every schema $id is the example dataschema and every type is versioned with the definition version', () => {
    for (const definition of eventDefinitions) {
      expect((definition.schema as { $id: string }).$id).toBe(definition.example.dataschema);
      expect(definition.type.endsWith(`.v${definition.version}`)).toBe(true);
      expect(definition.example.type).toBe(definition.type);
    }
  });

  test('type names are unique', () => {
    expect(new Set(eventDefinitions.map((d) => d.type)).size).toBe(eventDefinitions.length);
  });

  test('the TS data type and the schema name the same properties', () => {
    // The example is typed with the derived TS type; its keys must all be schema properties.
    const data: UitschrijvingRegisteredData = uitschrijvingRegistered.example.data;
    const properties = Object.keys(uitschrijvingRegistered.schema.properties);
    expect(properties).toEqual(expect.arrayContaining(Object.keys(data)));
    const required: readonly (keyof UitschrijvingRegisteredData)[] = uitschrijvingRegistered.schema.required;
    expect(properties).toEqual(expect.arrayContaining([...required]));
  });
});

describe('broken events are rejected with a message naming the field', () => {
  const example = uitschrijvingRegistered.example;

  test.each<[string, (e: CloudEvent<UitschrijvingRegisteredData> & Record<string, unknown>) => void, string]>([
    [
      'a wrong date format',
      (e) => {
        e.data.dateOfDeregistration = '18-07-2025';
      },
      'data.dateOfDeregistration: must match format "date"',
    ],
    [
      'a missing required field',
      (e) => {
        delete (e.data as Partial<UitschrijvingRegisteredData>).reason;
      },
      'data.reason: is required',
    ],
    [
      'a free-text reason',
      (e) => {
        (e.data as { reason: string }).reason = 'had geen zin meer';
      },
      'data.reason: must be one of',
    ],
    [
      'a smuggled bsn',
      (e) => {
        (e.data as Record<string, unknown>).bsn = '123456782';
      },
      'data.bsn: is not allowed',
    ],
    [
      'a bad municipality code',
      (e) => {
        e.data.municipalityOfResidence = 'Amsterdam';
      },
      'data.municipalityOfResidence: must match pattern',
    ],
    [
      'a bad organisation id',
      (e) => {
        e.data.school.id = 'Het Lyceum';
      },
      'data.school.id: must match pattern',
    ],
    [
      'an age as text',
      (e) => {
        (e.data as Record<string, unknown>).ageAtDeregistration = '17';
      },
      'data.ageAtDeregistration: must be integer',
    ],
    [
      'a name as subject',
      (e) => {
        e.subject = 'Jan Jansen';
      },
      'subject: must match pattern',
    ],
    [
      'a bad source',
      (e) => {
        e.source = 'school-systeem';
      },
      'source: must match pattern',
    ],
    [
      'a wrong specversion',
      (e) => {
        (e as Record<string, unknown>).specversion = '0.3';
      },
      'specversion: must be "1.0"',
    ],
    [
      'a non-uuid id',
      (e) => {
        e.id = '42';
      },
      'id: must match format "uuid"',
    ],
    [
      'a time without zone',
      (e) => {
        e.time = '2025-07-18T09:12:44';
      },
      'time: must match format "date-time"',
    ],
    [
      'an all-zero trace id',
      (e) => {
        e.traceparent = `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`;
      },
      'traceparent: must match pattern',
    ],
    [
      'a malformed traceparent',
      (e) => {
        e.traceparent = 'abc';
      },
      'traceparent: must match pattern',
    ],
    [
      'an unknown context attribute',
      (e) => {
        e.studentName = 'Jan';
      },
      'studentName: is not allowed',
    ],
    [
      'a missing subject',
      (e) => {
        delete (e as Partial<typeof e>).subject;
      },
      'subject: is required',
    ],
    [
      'a dataschema of another type',
      (e) => {
        e.dataschema = overdrachtOffered.example.dataschema;
      },
      'dataschema: must be',
    ],
    [
      'a dataref that is not a URL',
      (e) => {
        e.dataref = 'bij de school';
      },
      'dataref: must match format "uri"',
    ],
  ])('%s', (_name, change, expected) => {
    const errors = errorsOf(broken(example, change));
    expect(errors.some((error) => error.startsWith(expected))).toBe(true);
  });

  test('array items are named with their index', () => {
    const event = broken(plaatsingPlaced.example, (e) => {
      e.data.followUpChecks[1].dueDate = 'volgend jaar';
    });
    expect(errorsOf(event)).toEqual(['data.followUpChecks[1].dueDate: must match format "date"']);
  });

  test('an unknown type is an error', () => {
    expect(errorsOf({ ...example, type: 'nl.estafette.onbekend.v1' })).toEqual(['type: unknown event type "nl.estafette.onbekend.v1"']);
  });

  test('non-objects are rejected', () => {
    expect(errorsOf(null)).toEqual(['(event): must be an object']);
    expect(errorsOf('{}')).toEqual(['(event): must be an object']);
  });
});

describe('createEvent', () => {
  const data: OverdrachtOfferedData = overdrachtOffered.example.data;

  test('fills the envelope and produces a valid event', () => {
    const event = createEvent(overdrachtOffered, {
      source: 'urn:nld:oin:00000001234567890000:estafette-rmc',
      subject: 'pr_01HZX4K9Q2M8T6V3W5Y7B1C0DE',
      data,
    });
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'nl.estafette.overdracht.offered.v1',
      datacontenttype: 'application/json',
      dataschema: overdrachtOffered.example.dataschema,
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(event.time)).not.toBeNaN();
    expect('dataref' in event).toBe(false);
    expect(validateEvent(event)).toEqual({ ok: true });
  });

  test('keeps a given id, time, dataref and traceparent', () => {
    const fields = {
      source: 'urn:nld:oin:00000001234567890000:estafette-rmc',
      subject: 'pr_01HZX4K9Q2M8T6V3W5Y7B1C0DE',
      data,
      id: '8f0e2c4a-6b1d-4e3f-a5c7-9d1b3f5a7c9e',
      time: '2025-08-11T13:20:00+02:00',
      dataref: 'https://api.estafette.nl/overdrachten/1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    };
    expect(createEvent(overdrachtOffered, fields)).toMatchObject(fields);
  });

  test('throws InvalidEventError naming the field', () => {
    const call = () => createEvent(overdrachtOffered, { source: 'urn:nld:oin:00000001234567890000:estafette-rmc', subject: 'jan', data });
    expect(call).toThrow(InvalidEventError);
    expect(call).toThrow(/subject: must match pattern/);
  });
});
