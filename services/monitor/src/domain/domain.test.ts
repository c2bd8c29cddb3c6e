import { describe, expect, test } from '@jest/globals';
import {
  inschrijvingRegistered,
  overdrachtOffered,
  regieEnded,
  uitschrijvingRegistered,
  vsvMeldingCancelled,
  vsvMeldingRegistered,
  type CloudEvent,
} from '@estafette/contracts';
import { batonAfter } from '@estafette/overdracht';
import { deadlineFacts } from './baton-facts.js';
import { redactHeaders, redactText } from './redact.js';
import { countByReason, endsOf } from './regie-ends.js';
import { receiverType, senderType } from './route.js';
import { suppressSmall } from './small-cells.js';
import { steeringDimensions } from './steering-dimensions.js';
import { periodOf } from './steering-figures.js';

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

  test('the monitor keeps only the baton facts, and they give the same baton as the whole events', () => {
    const melding = {
      ...example(vsvMeldingRegistered),
      data: { ...(example(vsvMeldingRegistered).data as object), turns23On: '2030-02-01' },
    };
    const enrolled = example(inschrijvingRegistered);
    const facts = [melding, enrolled].map((e) => ({ id: e.id, type: e.type, time: e.time, data: deadlineFacts(e).batonFacts }));
    expect(facts[0]!.data).not.toHaveProperty('municipalityOfResidence');
    expect(facts[0]!.data).toMatchObject({ rmcRegion: 'MC21', gracePeriodEndDate: '2025-10-01', turns23On: '2030-02-01' });
    expect(batonAfter(facts)).toEqual(batonAfter([melding, enrolled]));
    expect(deadlineFacts(example(overdrachtOffered))).toMatchObject({ overdrachtId: expect.any(String), dueAt: expect.any(String) });
  });

  test('ends: an enrolment inside the grace period, confirmed by a cancellation, is one end; a new melding and regie.ended another', () => {
    const rmc = { organisationType: 'rmc', id: 'rmc:MC21' };
    const at = (n: number) => `2025-09-0${n}T10:00:00Z`;
    const events = [
      {
        id: 'a',
        type: vsvMeldingRegistered.type,
        time: at(1),
        data: { vsvMeldingId: 'm1', rmcRegion: 'MC21', gracePeriodEndDate: '2025-10-01' },
      },
      {
        id: 'b',
        type: inschrijvingRegistered.type,
        time: at(2),
        data: { school: { organisationType: 'school', id: 'brin:30AB' }, dateOfEnrolment: '2025-10-01' },
      },
      {
        id: 'c',
        type: vsvMeldingCancelled.type,
        time: at(3),
        data: { vsvMeldingId: 'm1', rmcRegion: 'MC21', cancellationDate: '2025-09-03' },
      },
      {
        id: 'd',
        type: vsvMeldingRegistered.type,
        time: at(4),
        data: { vsvMeldingId: 'm2', rmcRegion: 'MC21', gracePeriodEndDate: '2025-12-01' },
      },
      { id: 'e', type: regieEnded.type, time: at(5), data: { endedBy: rmc, reason: 'leeftijd-23', endedOn: '2025-09-05' } },
      { id: 'f', type: regieEnded.type, time: at(6), data: { endedBy: rmc, reason: 'leeftijd-23', endedOn: '2025-09-05' } },
    ];
    const ends = endsOf([...events].reverse());
    expect(ends.map((e) => [e.reason, e.on])).toEqual([
      ['melding-ingetrokken', '2025-10-01'],
      ['leeftijd-23', '2025-09-05'],
    ]);
    expect(countByReason(ends)).toEqual({
      'melding-ingetrokken': 1,
      'terug-naar-school': 0,
      'leeftijd-23': 1,
      'gesloten-door-consulent': 0,
    });
  });

  test('an end is counted in the period of its own date', () => {
    expect(['month', 'quarter', 'year'].map((p) => periodOf(p as 'month', '2027-05-10'))).toEqual(['2027-05', '2027-Q2', '2027']);
    expect(periodOf('quarter', '2027-12-31')).toBe('2027-Q4');
  });
});
