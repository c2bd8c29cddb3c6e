import { defineEvent } from '../define-event.js';
import { exampleDataref, exampleIds, exampleOrganisations, exampleSources, exampleSubject } from '../example-values.js';
import { age, date, municipalityCode, organisation, placementType, uuid } from '../fields.js';
import type { FromSchema } from '../schema-types.js';

export const uitvalNaPlaatsingRegisteredSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'uitvalId',
    'plaatsingId',
    'reportedBy',
    'placementType',
    'dropoutDate',
    'reason',
    'ageAtDropout',
    'municipalityOfResidence',
    'returnsTo',
  ],
  properties: {
    uitvalId: uuid,
    plaatsingId: uuid,
    reportedBy: organisation,
    placementType,
    dropoutDate: date,
    reason: {
      type: 'string',
      enum: ['baan-verloren', 'contract-niet-verlengd', 'gestopt-met-opleiding', 'uitgeschreven', 'traject-afgebroken', 'anders'],
    },
    ageAtDropout: age,
    // The date the young person turns 23 (optional within v1), when the reporter knew it: the one who picks them up
    // counts ages exactly from it (see docs/baton.md).
    turns23On: date,
    municipalityOfResidence: municipalityCode,
    // Who picks the young person up again: the RMC under 23, Werk & Inkomen from 23.
    returnsTo: organisation,
  },
} as const;

export type UitvalNaPlaatsingRegisteredData = FromSchema<typeof uitvalNaPlaatsingRegisteredSchema>;

export const uitvalNaPlaatsingRegistered = defineEvent({
  domain: 'uitval-na-plaatsing',
  action: 'registered',
  version: 1,
  description: 'A placement failed. The young person must be picked up again by the organisation in returnsTo.',
  schema: uitvalNaPlaatsingRegisteredSchema,
  example: {
    id: 'd4f6b8c0-2e3a-4c5e-8a7d-9f1b3c5e7a92',
    source: exampleSources.werkInkomen,
    time: '2026-03-02T10:00:00+01:00',
    subject: exampleSubject,
    dataref: exampleDataref(`werk-inkomen/uitval/${exampleIds.uitval}`),
    traceparent: '00-5e1f0c6ad3b2a4f8e9d7c6b5a4f3e2d1-a1b2c3d4e5f60718-01',
    data: {
      uitvalId: exampleIds.uitval,
      plaatsingId: exampleIds.plaatsing,
      reportedBy: exampleOrganisations.werkInkomen,
      placementType: 'leerbaan',
      dropoutDate: '2026-02-27',
      reason: 'contract-niet-verlengd',
      ageAtDropout: 18,
      municipalityOfResidence: 'GM0363',
      returnsTo: exampleOrganisations.rmc,
    },
  },
});
