import { describe, expect, test } from '@jest/globals';
import { uitschrijvingRegistered } from './events/uitschrijving.js';
import { isPseudonymousReference, validateEvent } from './validate.js';

const withField = (name: string, value: string) => ({ ...uitschrijvingRegistered.example, [name]: value });

describe('pseudonymous reference', () => {
  test.each(['pr_7K3M9QXW2D4F6H8J0N5P1R3T5V', 'pr_01HZX4K9Q2M8T6V3W5Y7B1C0DE'])('accepts %s', (reference) => {
    expect(isPseudonymousReference(reference)).toBe(true);
  });

  test.each([
    ['too short', 'pr_7K3M9QXW2D4F6H8J0N5P1R3T5'],
    ['too long', 'pr_7K3M9QXW2D4F6H8J0N5P1R3T5VW'],
    ['lower case', 'pr_7k3m9qxw2d4f6h8j0n5p1r3t5v'],
    ['letters outside Crockford base32', 'pr_7K3M9QXW2D4F6H8J0N5P1R3TIL'],
    ['another prefix', 'pp_7K3M9QXW2D4F6H8J0N5P1R3T5V'],
    ['a BSN', '123456782'],
    ['empty', ''],
  ])('rejects %s', (_name, reference) => {
    expect(isPseudonymousReference(reference)).toBe(false);
  });
});

describe('context attributes', () => {
  test.each([
    'urn:nld:oin:00000001234567890000:estafette-rmc',
    'urn:nld:brin:25XY:estafette-school',
    'urn:nld:gemeente:GM0363:estafette-werk-inkomen',
    'urn:nld:agb:73730123:estafette-zorg',
  ])('source %s is valid', (source) => {
    expect(validateEvent(withField('source', source))).toEqual({ ok: true });
  });

  test.each(['https://school.nl', 'urn:nld:oin:123:estafette-rmc', 'urn:nld:brin:25XY', 'urn:nld:naam:Het Lyceum:school'])(
    'source %s is invalid',
    (source) => {
      expect(validateEvent(withField('source', source))).toMatchObject({ ok: false, errors: [expect.stringMatching(/^source: /)] });
    },
  );

  test.each(['nl.estafette.uitschrijving.registered', 'nl.gemeente-amsterdam.uitschrijving.registered.v1', 'uitschrijving'])(
    'type %s is invalid',
    (type) => {
      const result = validateEvent(withField('type', type));
      expect(result.ok).toBe(false);
    },
  );

  test.each(['2025-07-18T09:12:44Z', '2025-07-18T09:12:44.123+02:00'])('time %s (RFC3339) is valid', (time) => {
    expect(validateEvent(withField('time', time))).toEqual({ ok: true });
  });

  test('tracestate is optional and must follow W3C list syntax', () => {
    expect(validateEvent(withField('tracestate', 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE'))).toEqual({ ok: true });
    expect(validateEvent(withField('tracestate', 'Jan Jansen woont hier'))).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^tracestate: /)],
    });
  });
});
