import { defineEvent } from '../define-event.js';
import { exampleDataref, exampleIds, exampleOrganisations, exampleSources, exampleSubject, exampleTraceparent } from '../example-values.js';
import { age, date, diploma, municipalityCode, organisation, schoolLevel, schoolType, uuid } from '../fields.js';
import type { FromSchema } from '../schema-types.js';

/**
 * Why a school corrects an uitschrijving (design): a typing error in its administration (`invoerfout`), information that
 * came in later, such as an exam result (`nagekomen-gegevens`), or something else (`anders`). Codes only: a school's own
 * explanation stays in its store, free text never travels.
 */
export const CORRECTIE_REASONS = ['invoerfout', 'nagekomen-gegevens', 'anders'] as const;

/**
 * Why a school withdraws an uitschrijving (design): it deregistered the wrong student (`verkeerde-leerling`), sent the
 * same deregistration twice under another reference (`dubbel-geregistreerd`), or the student never left (`niet-uitgeschreven`).
 */
export const INTREKKING_REASONS = ['verkeerde-leerling', 'dubbel-geregistreerd', 'niet-uitgeschreven'] as const;

/** The fields of an uitschrijving a school can correct, as they are named on `uitschrijving.registered`. */
export const CORRECTABLE_FIELDS = ['dateOfDeregistration', 'schoolType', 'highestDiploma', 'municipalityOfResidence'] as const;

/** The values a correction can change, before it (`previous`): only the fields it changed. */
const correctedValues = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dateOfDeregistration: date,
    schoolType,
    highestDiploma: diploma,
    hasStartkwalificatie: { type: 'boolean' },
    municipalityOfResidence: municipalityCode,
  },
} as const;

export const uitschrijvingCorrectedSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'correctieId',
    'uitschrijvingId',
    'school',
    'correctionDate',
    'reason',
    'changedFields',
    'previous',
    'dateOfDeregistration',
    'ageAtDeregistration',
    'schoolType',
    'highestDiploma',
    'hasStartkwalificatie',
    'municipalityOfResidence',
  ],
  properties: {
    correctieId: uuid,
    uitschrijvingId: uuid,
    school: organisation,
    // The school's Amsterdam date of the correction.
    correctionDate: date,
    reason: { type: 'string', enum: CORRECTIE_REASONS },
    changedFields: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: CORRECTABLE_FIELDS } },
    previous: correctedValues,
    // The uitschrijving as it stands after the correction, whole: a receiver decides again (vsv or not, which region)
    // from these alone, also when it never saw the uitschrijving as vsv before.
    dateOfDeregistration: date,
    ageAtDeregistration: age,
    turns23On: date,
    schoolType,
    schoolLevel,
    highestDiploma: diploma,
    hasStartkwalificatie: { type: 'boolean' },
    municipalityOfResidence: municipalityCode,
  },
} as const;

export type UitschrijvingCorrectedData = FromSchema<typeof uitschrijvingCorrectedSchema>;

export const uitschrijvingCorrected = defineEvent({
  domain: 'uitschrijving',
  action: 'corrected',
  version: 1,
  description:
    'A school corrected an uitschrijving it registered (date, school type, diploma, municipality of residence), with a reason code: the changed fields with their previous values, and the uitschrijving as it now stands.',
  schema: uitschrijvingCorrectedSchema,
  example: {
    id: '7c3e9a51-2b8d-4f06-9e14-b5a0d7c2f389',
    source: exampleSources.school,
    time: '2025-07-25T11:20:05Z',
    subject: exampleSubject,
    dataref: exampleDataref(`school/uitschrijvingen/${exampleIds.uitschrijving}`),
    traceparent: exampleTraceparent,
    data: {
      correctieId: 'd5a81f3c-6e29-4b70-8c4d-1f9e2a7b3c60',
      uitschrijvingId: exampleIds.uitschrijving,
      school: exampleOrganisations.school,
      correctionDate: '2025-07-25',
      reason: 'invoerfout',
      changedFields: ['municipalityOfResidence'],
      previous: { municipalityOfResidence: 'GM0363' },
      dateOfDeregistration: '2025-07-18',
      ageAtDeregistration: 17,
      schoolType: 'mbo',
      schoolLevel: 'mbo-2',
      highestDiploma: 'vmbo-kb',
      hasStartkwalificatie: false,
      municipalityOfResidence: 'GM0599',
    },
  },
});

export const uitschrijvingWithdrawnSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uitschrijvingId', 'school', 'withdrawalDate', 'reason'],
  properties: {
    uitschrijvingId: uuid,
    school: organisation,
    // The school's Amsterdam date of the withdrawal.
    withdrawalDate: date,
    reason: { type: 'string', enum: INTREKKING_REASONS },
  },
} as const;

export type UitschrijvingWithdrawnData = FromSchema<typeof uitschrijvingWithdrawnSchema>;

export const uitschrijvingWithdrawn = defineEvent({
  domain: 'uitschrijving',
  action: 'withdrawn',
  version: 1,
  description:
    'A school withdrew an uitschrijving it registered (the wrong student, registered twice, or the student never left), with a reason code. Whatever followed from it is undone by its receivers.',
  schema: uitschrijvingWithdrawnSchema,
  example: {
    id: 'e2b7d048-91c5-4a3f-b6e8-3d0c5f9a1b72',
    source: exampleSources.school,
    time: '2025-07-22T08:02:11Z',
    subject: exampleSubject,
    dataref: exampleDataref(`school/uitschrijvingen/${exampleIds.uitschrijving}`),
    traceparent: exampleTraceparent,
    data: {
      uitschrijvingId: exampleIds.uitschrijving,
      school: exampleOrganisations.school,
      withdrawalDate: '2025-07-22',
      reason: 'verkeerde-leerling',
    },
  },
});
