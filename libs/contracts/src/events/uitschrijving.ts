import { defineEvent } from '../define-event.js';
import { exampleDataref, exampleIds, exampleOrganisations, exampleSources, exampleSubject, exampleTraceparent } from '../example-values.js';
import { age, date, diploma, municipalityCode, organisation, schoolLevel, schoolType, uuid } from '../fields.js';
import type { FromSchema } from '../schema-types.js';

export const uitschrijvingRegisteredSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'uitschrijvingId',
    'school',
    'dateOfDeregistration',
    'ageAtDeregistration',
    'schoolType',
    'highestDiploma',
    'hasStartkwalificatie',
    'reason',
    'exitInterviewHeld',
    'municipalityOfResidence',
  ],
  properties: {
    uitschrijvingId: uuid,
    school: organisation,
    dateOfDeregistration: date,
    ageAtDeregistration: age,
    // The date the young person turns 23 (optional within v1): the least an event carries for the age boundary, so
    // every receiver computes the end of the RMC's part exactly without the birth date (see docs/baton.md).
    turns23On: date,
    schoolType,
    schoolLevel,
    highestDiploma: diploma,
    hasStartkwalificatie: { type: 'boolean' },
    reason: {
      type: 'string',
      enum: [
        'diploma-behaald',
        'overstap-onderwijs',
        'werk',
        'zonder-vervolg',
        'verhuizing',
        'emigratie',
        'vrijstelling',
        'verwijdering',
        'anders',
      ],
    },
    exitInterviewHeld: { type: 'boolean' },
    // Routes the signal to the RMC region of the young person's home municipality.
    municipalityOfResidence: municipalityCode,
  },
} as const;

export type UitschrijvingRegisteredData = FromSchema<typeof uitschrijvingRegisteredSchema>;

export const uitschrijvingRegistered = defineEvent({
  domain: 'uitschrijving',
  action: 'registered',
  version: 1,
  description: 'A school deregistered a student. Reported for every leaver; the RMC decides whether it is a vsv-melding.',
  schema: uitschrijvingRegisteredSchema,
  example: {
    id: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
    source: exampleSources.school,
    time: '2025-07-18T09:12:44Z',
    subject: exampleSubject,
    dataref: exampleDataref(`school/uitschrijvingen/${exampleIds.uitschrijving}`),
    traceparent: exampleTraceparent,
    data: {
      uitschrijvingId: exampleIds.uitschrijving,
      school: exampleOrganisations.school,
      dateOfDeregistration: '2025-07-18',
      ageAtDeregistration: 17,
      schoolType: 'mbo',
      schoolLevel: 'mbo-2',
      highestDiploma: 'vmbo-kb',
      hasStartkwalificatie: false,
      reason: 'zonder-vervolg',
      exitInterviewHeld: true,
      municipalityOfResidence: 'GM0363',
    },
  },
});
