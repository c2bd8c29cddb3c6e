import { defineEvent } from '../define-event.js';
import { exampleDataref, exampleIds, exampleOrganisations, exampleSubject, exampleTraceparent } from '../example-values.js';
import { age, date, municipalityCode, organisation, schoolLevel, schoolType, uuid } from '../fields.js';
import type { FromSchema } from '../schema-types.js';

export const inschrijvingRegisteredSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['inschrijvingId', 'school', 'dateOfEnrolment', 'ageAtEnrolment', 'schoolType', 'municipalityOfResidence'],
  properties: {
    inschrijvingId: uuid,
    school: organisation,
    dateOfEnrolment: date,
    ageAtEnrolment: age,
    schoolType,
    schoolLevel,
    municipalityOfResidence: municipalityCode,
    // The overdracht (back to school) this enrolment completes, when the school had accepted one for this young person
    // (optional within v1): the holder's part ends with the enrolment it promised.
    overdrachtId: uuid,
  },
} as const;

export type InschrijvingRegisteredData = FromSchema<typeof inschrijvingRegisteredSchema>;

export const inschrijvingRegistered = defineEvent({
  domain: 'inschrijving',
  action: 'registered',
  version: 1,
  description: 'A school enrolled a young person. Within the grace period it cancels a vsv-melding.',
  schema: inschrijvingRegisteredSchema,
  example: {
    id: '7c2a9e41-1d6b-4f83-b5e0-3a8c7d2f9b16',
    source: 'urn:nld:brin:30AB:estafette-school',
    time: '2025-09-01T08:30:00+02:00',
    subject: exampleSubject,
    dataref: exampleDataref(`school/inschrijvingen/${exampleIds.inschrijving}`),
    traceparent: exampleTraceparent,
    data: {
      inschrijvingId: exampleIds.inschrijving,
      school: exampleOrganisations.nieuweSchool,
      dateOfEnrolment: '2025-09-01',
      ageAtEnrolment: 17,
      schoolType: 'mbo',
      schoolLevel: 'mbo-2',
      municipalityOfResidence: 'GM0363',
    },
  },
});
