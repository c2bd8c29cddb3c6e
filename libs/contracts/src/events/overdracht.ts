import { defineEvent } from '../define-event.js';
import { exampleDataref, exampleIds, exampleOrganisations, exampleSources, exampleSubject, exampleTraceparent } from '../example-values.js';
import { age, date, dateTime, municipalityCode, organisation, uuid } from '../fields.js';
import type { FromSchema } from '../schema-types.js';

// Every overdracht event names both parties, so a consumer can keep the "who holds the baton"
// view from any single event without looking up the offer.
const parties = { overdrachtId: uuid, from: organisation, to: organisation } as const;
const partiesRequired = ['overdrachtId', 'from', 'to'] as const;

const handoverExample = {
  subject: exampleSubject,
  dataref: exampleDataref(`overdrachten/${exampleIds.overdracht}`),
  traceparent: exampleTraceparent,
} as const;
const exampleParties = {
  overdrachtId: exampleIds.overdracht,
  from: exampleOrganisations.rmc,
  to: exampleOrganisations.werkInkomen,
} as const;

export const overdrachtOfferedSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...partiesRequired, 'purpose', 'handoverReason', 'legalBasis', 'responseDueAt', 'ageAtOffer', 'municipalityOfResidence'],
  properties: {
    ...parties,
    // terug-naar-rmc: the receiver is an RMC region whose task takes over (W&I back to the RMC; another region after a move).
    purpose: { type: 'string', enum: ['onderwijs', 'werk', 'inkomen', 'zorg', 'nazorg', 'terug-naar-rmc'] },
    handoverReason: {
      type: 'string',
      enum: [
        'school-geen-optie',
        'leeftijdsgrens-rmc',
        'ondersteuning-nodig',
        'terug-naar-onderwijs',
        'nazorg-pro-vso',
        'uitval-na-plaatsing',
        // The young person moved to a municipality of another RMC region: that region's RMC takes over (enum value added within v1).
        'verhuizing',
        'anders',
      ],
    },
    // The basis on which the receiver may later fetch content; toestemmingId when it is consent.
    legalBasis: { type: 'string', enum: ['toestemming', 'wettelijke-verplichting', 'publieke-taak'] },
    toestemmingId: uuid,
    responseDueAt: dateTime,
    ageAtOffer: age,
    // The date the young person turns 23 (optional within v1): the least an event carries for the age boundary, so
    // every receiver computes the end of the RMC's part exactly without the birth date (see docs/baton.md).
    turns23On: date,
    municipalityOfResidence: municipalityCode,
    vsvMeldingId: uuid,
    // The school's uitschrijving the young person comes from, when there is one: the one record whose dossier the
    // receiver may read (optional within v1: offers of older producers name none; the school then matches the reference).
    uitschrijvingId: uuid,
    plaatsingId: uuid,
    // The warm part: the sender proposes when the young person meets the receiver (a date, no names).
    firstContactProposedOn: date,
  },
} as const;

export type OverdrachtOfferedData = FromSchema<typeof overdrachtOfferedSchema>;

export const overdrachtOffered = defineEvent({
  domain: 'overdracht',
  action: 'offered',
  version: 1,
  description: 'An organisation offers a warm handover to another. The sender keeps the baton until the receiver accepts.',
  schema: overdrachtOfferedSchema,
  example: {
    ...handoverExample,
    id: 'f1d3b5a7-2c4e-4f60-8a9b-0c1d2e3f4a5b',
    source: exampleSources.rmc,
    time: '2025-08-11T13:20:00+02:00',
    data: {
      ...exampleParties,
      purpose: 'werk',
      handoverReason: 'school-geen-optie',
      legalBasis: 'toestemming',
      toestemmingId: exampleIds.toestemming,
      responseDueAt: '2025-08-18T17:00:00+02:00',
      ageAtOffer: 17,
      municipalityOfResidence: 'GM0363',
      vsvMeldingId: exampleIds.vsvMelding,
    },
  },
});

export const overdrachtAcceptedSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...partiesRequired],
  properties: {
    ...parties,
    firstContactPlannedOn: date,
    // A school that takes a young person back: the date it plans to enrol them (optional within v1; only schools send it).
    enrolmentPlannedOn: date,
  },
} as const;

export type OverdrachtAcceptedData = FromSchema<typeof overdrachtAcceptedSchema>;

export const overdrachtAccepted = defineEvent({
  domain: 'overdracht',
  action: 'accepted',
  version: 1,
  description: 'The receiver accepted the handover: from this moment it holds the baton (regie).',
  schema: overdrachtAcceptedSchema,
  example: {
    ...handoverExample,
    id: '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
    source: exampleSources.werkInkomen,
    time: '2025-08-13T10:02:31+02:00',
    data: { ...exampleParties, firstContactPlannedOn: '2025-08-15' },
  },
});

export const overdrachtRejectedSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...partiesRequired, 'reason'],
  properties: {
    ...parties,
    reason: {
      type: 'string',
      enum: [
        'niet-in-doelgroep',
        'verkeerde-regio',
        'geen-capaciteit',
        'onvolledige-gegevens',
        'geen-toestemming',
        'al-in-traject',
        'jongere-weigert',
        'anders',
      ],
    },
  },
} as const;

export type OverdrachtRejectedData = FromSchema<typeof overdrachtRejectedSchema>;

export const overdrachtRejected = defineEvent({
  domain: 'overdracht',
  action: 'rejected',
  version: 1,
  description: 'The receiver rejected the handover with a reason code; the sender still holds the baton.',
  schema: overdrachtRejectedSchema,
  example: {
    ...handoverExample,
    id: '3c5e7a9b-1d2f-4c6e-8a0b-2d4f6a8c0e1a',
    source: exampleSources.werkInkomen,
    time: '2025-08-12T15:44:09+02:00',
    data: { ...exampleParties, reason: 'verkeerde-regio' },
  },
});

export const overdrachtExpiredSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...partiesRequired, 'responseDueAt', 'escalatedTo'],
  properties: {
    ...parties,
    responseDueAt: dateTime,
    // Sender and the RMC region are told, so an unanswered offer never drops silently.
    escalatedTo: { type: 'array', minItems: 1, items: organisation },
  },
} as const;

export type OverdrachtExpiredData = FromSchema<typeof overdrachtExpiredSchema>;

export const overdrachtExpired = defineEvent({
  domain: 'overdracht',
  action: 'expired',
  version: 1,
  description: 'Nobody answered the offer before the deadline: it expired and escalates. The sender keeps the baton.',
  schema: overdrachtExpiredSchema,
  example: {
    ...handoverExample,
    id: '8e6c4a2b-0f1d-4e3c-9b5a-7d9f1b3d5f7a',
    source: exampleSources.rmc,
    time: '2025-08-18T17:00:05+02:00',
    data: { ...exampleParties, responseDueAt: '2025-08-18T17:00:00+02:00', escalatedTo: [exampleOrganisations.rmc] },
  },
});

export const overdrachtWithdrawnSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...partiesRequired, 'reason'],
  properties: {
    ...parties,
    reason: {
      type: 'string',
      enum: ['niet-meer-nodig', 'verkeerde-ontvanger', 'jongere-weigert', 'toestemming-ingetrokken', 'anders'],
    },
  },
} as const;

export type OverdrachtWithdrawnData = FromSchema<typeof overdrachtWithdrawnSchema>;

export const overdrachtWithdrawn = defineEvent({
  domain: 'overdracht',
  action: 'withdrawn',
  version: 1,
  description: 'The sender withdrew an open offer; it keeps the baton.',
  schema: overdrachtWithdrawnSchema,
  example: {
    ...handoverExample,
    id: '5b7d9f1a-3c5e-4a7c-9e1b-4f6a8c0e2b4d',
    source: exampleSources.rmc,
    time: '2025-08-12T09:00:00+02:00',
    data: { ...exampleParties, reason: 'niet-meer-nodig' },
  },
});

export const overdrachtFirstContactHeldSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...partiesRequired, 'contactDate', 'contactType'],
  properties: {
    ...parties,
    contactDate: date,
    // driegesprek: sender, receiver and the young person together, the warm part of the handover.
    contactType: { type: 'string', enum: ['driegesprek', 'huisbezoek', 'gesprek-op-locatie', 'telefonisch', 'video'] },
  },
} as const;

export type OverdrachtFirstContactHeldData = FromSchema<typeof overdrachtFirstContactHeldSchema>;

export const overdrachtFirstContactHeld = defineEvent({
  domain: 'overdracht',
  action: 'first-contact-held',
  version: 1,
  description: 'The receiver held the first contact with the young person after accepting.',
  schema: overdrachtFirstContactHeldSchema,
  example: {
    ...handoverExample,
    id: '6f8a0c2e-4b6d-4f8a-8c1e-5a7c9e1b3d5f',
    source: exampleSources.werkInkomen,
    time: '2025-08-15T11:30:00+02:00',
    data: { ...exampleParties, contactDate: '2025-08-15', contactType: 'driegesprek' },
  },
});

export const overdrachtFirstContactMissedSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...partiesRequired, 'plannedDate', 'reason'],
  properties: {
    ...parties,
    plannedDate: date,
    reason: {
      type: 'string',
      enum: ['niet-verschenen', 'niet-bereikbaar', 'afgezegd-door-jongere', 'afgezegd-door-organisatie'],
    },
  },
} as const;

export type OverdrachtFirstContactMissedData = FromSchema<typeof overdrachtFirstContactMissedSchema>;

export const overdrachtFirstContactMissed = defineEvent({
  domain: 'overdracht',
  action: 'first-contact-missed',
  version: 1,
  description: 'The planned first contact did not take place; the receiver must try again.',
  schema: overdrachtFirstContactMissedSchema,
  example: {
    ...handoverExample,
    id: '7a9c1e3b-5d7f-4a9c-9e2b-6c8e0a2c4e6a',
    source: exampleSources.werkInkomen,
    time: '2025-08-15T12:00:00+02:00',
    data: { ...exampleParties, plannedDate: '2025-08-15', reason: 'niet-verschenen' },
  },
});
