import { defineEvent } from '../define-event.js';
import { exampleDataref, exampleIds, exampleOrganisations, exampleSources, exampleSubject, exampleTraceparent } from '../example-values.js';
import { age, date, dateTime, municipalityCode, organisation, rmcRegionCode, uuid } from '../fields.js';
import type { FromSchema } from '../schema-types.js';

export const vsvMeldingRegisteredSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'vsvMeldingId',
    'rmcRegion',
    'municipalityOfResidence',
    'registrationDate',
    'ageAtRegistration',
    'gracePeriodEndDate',
    'firstContactDueDate',
  ],
  properties: {
    vsvMeldingId: uuid,
    rmcRegion: rmcRegionCode,
    municipalityOfResidence: municipalityCode,
    registrationDate: date,
    // vsv: under 23 and without startkwalificatie, so the age is bounded by definition.
    ageAtRegistration: { ...age, maximum: 22 },
    // The date the young person turns 23 (optional within v1): the least an event carries for the age boundary, so
    // every receiver computes the end of the RMC's part exactly without the birth date (see docs/baton.md).
    turns23On: date,
    lastSchool: organisation,
    uitschrijvingId: uuid,
    // A new enrolment before this date cancels the melding.
    gracePeriodEndDate: date,
    firstContactDueDate: date,
  },
} as const;

export type VsvMeldingRegisteredData = FromSchema<typeof vsvMeldingRegisteredSchema>;

export const vsvMeldingRegistered = defineEvent({
  domain: 'vsv-melding',
  action: 'registered',
  version: 1,
  description: 'The RMC registered an early school leaver (vsv): under 23, no startkwalificatie, no new enrolment.',
  schema: vsvMeldingRegisteredSchema,
  example: {
    id: '2e7b5d90-6a1c-4f38-9b2e-d4c0a7f58e13',
    source: exampleSources.rmc,
    time: '2025-07-21T10:05:00+02:00',
    subject: exampleSubject,
    dataref: exampleDataref(`rmc/vsv-meldingen/${exampleIds.vsvMelding}`),
    traceparent: exampleTraceparent,
    data: {
      vsvMeldingId: exampleIds.vsvMelding,
      rmcRegion: 'MC21',
      municipalityOfResidence: 'GM0363',
      registrationDate: '2025-07-21',
      ageAtRegistration: 17,
      lastSchool: exampleOrganisations.school,
      uitschrijvingId: exampleIds.uitschrijving,
      gracePeriodEndDate: '2025-10-01',
      firstContactDueDate: '2025-08-04',
    },
  },
});

export const vsvMeldingCancelledSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['vsvMeldingId', 'rmcRegion', 'cancellationDate', 'reason'],
  properties: {
    vsvMeldingId: uuid,
    rmcRegion: rmcRegionCode,
    cancellationDate: date,
    reason: {
      type: 'string',
      enum: [
        'nieuwe-inschrijving',
        'startkwalificatie-behaald',
        'leeftijdsgrens-bereikt',
        'onterecht-gemeld',
        'verhuisd-buiten-regio',
        'emigratie',
      ],
    },
    inschrijvingId: uuid,
    // The school's uitschrijving this melding was about: the one record the school's nazorg view changes
    // (optional within v1: events from older producers name none and change nothing at the school).
    uitschrijvingId: uuid,
  },
} as const;

export type VsvMeldingCancelledData = FromSchema<typeof vsvMeldingCancelledSchema>;

export const vsvMeldingCancelled = defineEvent({
  domain: 'vsv-melding',
  action: 'cancelled',
  version: 1,
  description: 'The RMC cancelled a vsv-melding, typically because a new enrolment arrived within the grace period.',
  schema: vsvMeldingCancelledSchema,
  example: {
    id: '9a4c1f62-8e3d-4b07-a5f9-1c6e2d8b7a34',
    source: exampleSources.rmc,
    time: '2025-09-02T07:45:12Z',
    subject: exampleSubject,
    dataref: exampleDataref(`rmc/vsv-meldingen/${exampleIds.vsvMelding}`),
    traceparent: '00-8a3c60f7d188f8fa79d48a391a778fa6-53995c3f42cd8ad8-01',
    data: {
      vsvMeldingId: exampleIds.vsvMelding,
      rmcRegion: 'MC21',
      cancellationDate: '2025-09-02',
      reason: 'nieuwe-inschrijving',
      inschrijvingId: exampleIds.inschrijving,
      uitschrijvingId: exampleIds.uitschrijving,
    },
  },
});

export const vsvMeldingFirstContactOverdueSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['vsvMeldingId', 'rmcRegion', 'firstContactDueDate', 'escalatedAt'],
  properties: {
    vsvMeldingId: uuid,
    rmcRegion: rmcRegionCode,
    firstContactDueDate: date,
    escalatedAt: dateTime,
  },
} as const;

export type VsvMeldingFirstContactOverdueData = FromSchema<typeof vsvMeldingFirstContactOverdueSchema>;

export const vsvMeldingFirstContactOverdue = defineEvent({
  domain: 'vsv-melding',
  action: 'first-contact-overdue',
  version: 1,
  description: 'Escalation: the RMC made no first contact before the due date. Emitted once per melding by a durable timer.',
  schema: vsvMeldingFirstContactOverdueSchema,
  example: {
    id: '4d8e2b17-6c3a-4f95-8a01-b7e5c9d3f268',
    source: exampleSources.rmc,
    time: '2025-08-05T06:00:00Z',
    subject: exampleSubject,
    dataref: exampleDataref(`rmc/vsv-meldingen/${exampleIds.vsvMelding}`),
    traceparent: exampleTraceparent,
    data: {
      vsvMeldingId: exampleIds.vsvMelding,
      rmcRegion: 'MC21',
      firstContactDueDate: '2025-08-04',
      escalatedAt: '2025-08-05T06:00:00Z',
    },
  },
});

export const vsvMeldingBuitenBeeldSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['vsvMeldingId', 'rmcRegion', 'failedAttempts', 'since'],
  properties: {
    vsvMeldingId: uuid,
    rmcRegion: rmcRegionCode,
    failedAttempts: { type: 'integer', minimum: 1, maximum: 100 },
    since: dateTime,
  },
} as const;

export type VsvMeldingBuitenBeeldData = FromSchema<typeof vsvMeldingBuitenBeeldSchema>;

export const vsvMeldingBuitenBeeld = defineEvent({
  domain: 'vsv-melding',
  action: 'buiten-beeld',
  version: 1,
  description: 'The RMC lost sight of the young person: repeated contact attempts failed; outreach takes over.',
  schema: vsvMeldingBuitenBeeldSchema,
  example: {
    id: '8b1f5c3e-2d7a-4e90-9c46-0a3b7d5e1f28',
    source: exampleSources.rmc,
    time: '2025-08-20T14:10:00Z',
    subject: exampleSubject,
    dataref: exampleDataref(`rmc/vsv-meldingen/${exampleIds.vsvMelding}`),
    traceparent: exampleTraceparent,
    data: {
      vsvMeldingId: exampleIds.vsvMelding,
      rmcRegion: 'MC21',
      failedAttempts: 3,
      since: '2025-08-20T14:10:00Z',
    },
  },
});

export const vsvMeldingPeriodicContactOverdueSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['vsvMeldingId', 'rmcRegion', 'periodicContactDueDate', 'flaggedAt'],
  properties: {
    vsvMeldingId: uuid,
    rmcRegion: rmcRegionCode,
    // The last day the periodic contact was in time (Europe/Amsterdam calendar date).
    periodicContactDueDate: date,
    flaggedAt: dateTime,
  },
} as const;

export type VsvMeldingPeriodicContactOverdueData = FromSchema<typeof vsvMeldingPeriodicContactOverdueSchema>;

export const vsvMeldingPeriodicContactOverdue = defineEvent({
  domain: 'vsv-melding',
  action: 'periodic-contact-overdue',
  version: 1,
  description:
    'The periodic contact with an early school leaver (001:161) passed its region period without contact; the task is flagged. Emitted once per passed period by a durable timer; counted in the steering figures.',
  schema: vsvMeldingPeriodicContactOverdueSchema,
  example: {
    id: '6f1a9c3e-2b7d-4e58-9c04-d3a8b5e7f142',
    source: exampleSources.rmc,
    time: '2025-11-05T23:00:00Z',
    subject: exampleSubject,
    dataref: exampleDataref(`rmc/vsv-meldingen/${exampleIds.vsvMelding}`),
    traceparent: exampleTraceparent,
    data: {
      vsvMeldingId: exampleIds.vsvMelding,
      rmcRegion: 'MC21',
      periodicContactDueDate: '2025-11-05',
      flaggedAt: '2025-11-05T23:00:00Z',
    },
  },
});
