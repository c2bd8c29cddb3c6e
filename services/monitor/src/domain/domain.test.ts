import { describe, expect, test } from '@jest/globals';
import { overdrachtOffered, uitschrijvingRegistered, vsvMeldingRegistered, type CloudEvent } from '@estafette/contracts';
import { redactHeaders, redactText } from './redact.js';
import { receiverType, senderType } from './route.js';
import { suppressSmall } from './small-cells.js';
import { steeringDimensions } from './steering-dimensions.js';

const example = (definition: { example: unknown }) => definition.example as CloudEvent;

describe('monitor domain', () => {
  test('cells under 10, zero included, read "<10"; 10 and more are shown', () => {
    expect([0, 3, 9, 10, 12].map(suppressSmall)).toEqual(['<10', '<10', '<10', 10, 12]);
  });

  test('route: sender kind from the source URN, receiver kind from the offer, "*" for broadcast facts', () => {
    expect([senderType(example(overdrachtOffered)), receiverType(example(overdrachtOffered))]).toEqual(['rmc', 'werk-inkomen']);
    expect([senderType(example(uitschrijvingRegistered)), receiverType(example(uitschrijvingRegistered))]).toEqual(['school', '*']);
  });

  test('steering dimensions come from the event where it names them', () => {
    expect(steeringDimensions(example(vsvMeldingRegistered))).toEqual({
      region: 'MC21',
      residenceRegion: null,
      municipality: 'GM0363',
      school: 'brin:25XY',
    });
    expect(steeringDimensions(example(overdrachtOffered)).region).toBeNull();
  });

  test('the region of residence comes from the municipality, by the indeling the caller gives', () => {
    const regionOf = (municipality: string) => (municipality === 'GM0363' ? 'MC21' : undefined);
    expect(steeringDimensions(example(overdrachtOffered), regionOf)).toMatchObject({ region: null, residenceRegion: 'MC21' });
    const elsewhere = {
      ...example(overdrachtOffered),
      data: { ...(example(overdrachtOffered).data as object), municipalityOfResidence: 'GM9999' },
    };
    expect(steeringDimensions(elsewhere, regionOf).residenceRegion).toBeNull();
  });

  test('pseudonyms are redacted from headers and reasons', () => {
    const subject = example(uitschrijvingRegistered).subject;
    expect(redactHeaders({ ce_subject: subject, ce_type: 'x', dlq_reason: `no row for ${subject}` })).toEqual({
      ce_subject: '[pseudonym]',
      ce_type: 'x',
      dlq_reason: 'no row for [pseudonym]',
    });
    expect(redactText('nothing personal')).toBe('nothing personal');
  });
});
