import { defineEvent } from '../define-event.js';
import { exampleDataref, exampleIds, exampleOrganisations, exampleSources, exampleSubject, exampleTraceparent } from '../example-values.js';
import { age, date, followUpCheckType, municipalityCode, organisation, placementType, uuid } from '../fields.js';
import type { FromSchema } from '../schema-types.js';

export const plaatsingPlacedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['plaatsingId', 'placedBy', 'placementType', 'startDate', 'ageAtPlacement', 'municipalityOfResidence', 'followUpChecks'],
  properties: {
    plaatsingId: uuid,
    overdrachtId: uuid,
    placedBy: organisation,
    placementType,
    startDate: date,
    // 25 hours a week or more counts as work (000:883); the number, not a judgement, travels.
    hoursPerWeek: { type: 'integer', minimum: 0, maximum: 60 },
    ageAtPlacement: age,
    municipalityOfResidence: municipalityCode,
    followUpChecks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['checkType', 'dueDate'],
        properties: { checkType: followUpCheckType, dueDate: date },
      },
    },
  },
} as const;

export type PlaatsingPlacedData = FromSchema<typeof plaatsingPlacedSchema>;

export const plaatsingPlaced = defineEvent({
  domain: 'plaatsing',
  action: 'placed',
  version: 1,
  description: 'The young person was placed (school, work, leerbaan, ...). Starts the follow-up window.',
  schema: plaatsingPlacedSchema,
  example: {
    id: 'b2d4f6a8-0c1e-4a3c-8e5b-7d9f1a3c5e70',
    source: exampleSources.werkInkomen,
    time: '2025-09-15T09:00:00+02:00',
    subject: exampleSubject,
    dataref: exampleDataref(`werk-inkomen/plaatsingen/${exampleIds.plaatsing}`),
    traceparent: exampleTraceparent,
    data: {
      plaatsingId: exampleIds.plaatsing,
      overdrachtId: exampleIds.overdracht,
      placedBy: exampleOrganisations.werkInkomen,
      placementType: 'leerbaan',
      startDate: '2025-09-15',
      hoursPerWeek: 32,
      ageAtPlacement: 17,
      municipalityOfResidence: 'GM0363',
      followUpChecks: [
        { checkType: 'na-2-maanden', dueDate: '2025-11-15' },
        { checkType: 'na-1-jaar', dueDate: '2026-09-15' },
      ],
    },
  },
});

export const plaatsingFollowUpCheckedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['plaatsingId', 'checkedBy', 'checkType', 'checkDate', 'outcome'],
  properties: {
    plaatsingId: uuid,
    checkedBy: organisation,
    checkType: followUpCheckType,
    checkDate: date,
    outcome: { type: 'string', enum: ['nog-geplaatst', 'afgerond', 'uitgevallen', 'niet-bereikbaar'] },
  },
} as const;

export type PlaatsingFollowUpCheckedData = FromSchema<typeof plaatsingFollowUpCheckedSchema>;

export const plaatsingFollowUpChecked = defineEvent({
  domain: 'plaatsing',
  action: 'follow-up-checked',
  version: 1,
  description: 'A scheduled follow-up check of a placement was done. Outcome uitgevallen comes with an uitval-na-plaatsing.',
  schema: plaatsingFollowUpCheckedSchema,
  example: {
    id: 'c3e5a7b9-1d2f-4b4d-9f6c-8e0a2b4d6f81',
    source: exampleSources.werkInkomen,
    time: '2025-11-17T14:10:00+01:00',
    subject: exampleSubject,
    dataref: exampleDataref(`werk-inkomen/plaatsingen/${exampleIds.plaatsing}`),
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    data: {
      plaatsingId: exampleIds.plaatsing,
      checkedBy: exampleOrganisations.werkInkomen,
      checkType: 'na-2-maanden',
      checkDate: '2025-11-17',
      outcome: 'nog-geplaatst',
    },
  },
});
