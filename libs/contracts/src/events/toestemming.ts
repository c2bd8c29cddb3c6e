import { defineEvent } from '../define-event.js';
import { exampleIds, exampleOrganisations, exampleSources, exampleSubject, exampleTraceparent } from '../example-values.js';
import { date, organisationId, organisationType, uuid } from '../fields.js';
import type { FromSchema } from '../schema-types.js';

// A party is a specific organisation or, without id, every organisation of that type:
// consent may name a category, but never "anyone".
const party = {
  type: 'object',
  additionalProperties: false,
  required: ['organisationType'],
  properties: { organisationType, id: organisationId },
} as const;

const grantor = { type: 'string', enum: ['jongere', 'ouder-of-voogd'] } as const;

export const toestemmingGivenSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['toestemmingId', 'grantedBy', 'dataCategories', 'from', 'to', 'purpose', 'validFrom', 'consentWordingVersion'],
  properties: {
    toestemmingId: uuid,
    // For a minor both the young person and a parent or guardian consent.
    grantedBy: { type: 'array', minItems: 1, uniqueItems: true, items: grantor },
    dataCategories: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      // zorginformatie added within v1 (an enum value: backward compatible, see README).
      items: {
        type: 'string',
        enum: ['contactgegevens', 'schoolgegevens', 'trajectgegevens', 'ondersteuningsbehoefte', 'documenten', 'zorginformatie'],
      },
    },
    from: party,
    to: party,
    purpose: { type: 'string', enum: ['warme-overdracht', 'trajectbegeleiding', 'nazorg', 'terugmelding'] },
    validFrom: date,
    validUntil: date,
    // Identifies the exact text shown to the young person; the text itself stays in the consent service.
    consentWordingVersion: { type: 'string', pattern: '^[a-z0-9-]{1,64}@[1-9][0-9]{0,5}$' },
  },
} as const;

export type ToestemmingGivenData = FromSchema<typeof toestemmingGivenSchema>;

export const toestemmingGiven = defineEvent({
  domain: 'toestemming',
  action: 'given',
  version: 1,
  description: 'The young person (and for a minor a parent or guardian) gave explicit, specific consent.',
  schema: toestemmingGivenSchema,
  example: {
    id: 'e5a7c9d1-3f4b-4d6f-9b8e-0a2c4e6a8b03',
    source: exampleSources.toestemming,
    time: '2025-08-11T11:05:00+02:00',
    subject: exampleSubject,
    traceparent: exampleTraceparent,
    data: {
      toestemmingId: exampleIds.toestemming,
      grantedBy: ['jongere', 'ouder-of-voogd'],
      dataCategories: ['contactgegevens', 'schoolgegevens'],
      from: exampleOrganisations.rmc,
      to: { organisationType: 'werk-inkomen', id: exampleOrganisations.werkInkomen.id },
      purpose: 'warme-overdracht',
      validFrom: '2025-08-11',
      validUntil: '2026-08-11',
      consentWordingVersion: 'warme-overdracht-rmc-wi@3',
    },
  },
});

export const toestemmingWithdrawnSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['toestemmingId', 'withdrawnBy', 'withdrawnOn'],
  properties: {
    toestemmingId: uuid,
    withdrawnBy: grantor,
    withdrawnOn: date,
  },
} as const;

export type ToestemmingWithdrawnData = FromSchema<typeof toestemmingWithdrawnSchema>;

export const toestemmingWithdrawn = defineEvent({
  domain: 'toestemming',
  action: 'withdrawn',
  version: 1,
  description: 'Consent was withdrawn; effective at the next fetch of content, nothing needs un-publishing.',
  schema: toestemmingWithdrawnSchema,
  example: {
    id: 'f6b8d0e2-4a5c-4e7a-8c9f-1b3d5f7b9c14',
    source: exampleSources.toestemming,
    time: '2025-10-01T16:30:00+02:00',
    subject: exampleSubject,
    traceparent: '00-1d2c3b4a59687f0e1d2c3b4a59687f0e-0e1d2c3b4a596870-01',
    data: { toestemmingId: exampleIds.toestemming, withdrawnBy: 'jongere', withdrawnOn: '2025-10-01' },
  },
});
