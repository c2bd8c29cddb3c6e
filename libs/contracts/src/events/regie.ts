import { defineEvent } from '../define-event.js';
import { exampleDataref, exampleIds, exampleOrganisations, exampleSources, exampleSubject, exampleTraceparent } from '../example-values.js';
import { date, organisation, uuid } from '../fields.js';
import type { FromSchema } from '../schema-types.js';

/**
 * Why a holder's responsibility (regie) ended. Source: issue 16 and DOMAIN.md; the split at the grace period is design.
 * - `melding-ingetrokken`: re-enrolled within the grace period, the vsv-melding is cancelled (it was no early leaving);
 * - `terug-naar-school`: enrolled after the grace period, or at the school that accepted a back-to-school offer (a success);
 * - `leeftijd-23`: the RMC's part ends on the 23rd birthday (RMC-wet: 12 to 23 years);
 * - `gesloten-door-consulent`: the consulent closed the task with a reason from `CONSULENT_CLOSE_REASONS`.
 */
export const REGIE_END_REASONS = ['melding-ingetrokken', 'terug-naar-school', 'leeftijd-23', 'gesloten-door-consulent'] as const;

/** The fixed list a consulent chooses from when closing a task (design, after the cancellation reasons of the vsv-melding). */
export const CONSULENT_CLOSE_REASONS = [
  'startkwalificatie-behaald',
  'emigratie',
  'onterecht-gemeld',
  'overleden',
  'niet-meer-in-doelgroep',
] as const;

export const regieEndedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['endedBy', 'reason', 'endedOn'],
  properties: {
    // Only the holder can end its own responsibility; an end by anyone else is shown as a conflict.
    endedBy: organisation,
    reason: { type: 'string', enum: REGIE_END_REASONS },
    endedOn: date,
    closeReason: { type: 'string', enum: CONSULENT_CLOSE_REASONS },
    vsvMeldingId: uuid,
    inschrijvingId: uuid,
  },
} as const;

export type RegieEndedData = FromSchema<typeof regieEndedSchema>;

export const regieEnded = defineEvent({
  domain: 'regie',
  action: 'ended',
  version: 1,
  description:
    'The organisation holding the baton for a young person ended its responsibility, with the reason. Nobody holds the baton afterwards: the young person is out of scope until a new signal.',
  schema: regieEndedSchema,
  example: {
    id: '4b8e2c17-9d3a-4f60-a1e5-7c2d9b0f3a68',
    source: exampleSources.rmc,
    time: '2027-05-10T00:05:00+02:00',
    subject: exampleSubject,
    dataref: exampleDataref(`rmc/vsv-meldingen/${exampleIds.vsvMelding}`),
    traceparent: exampleTraceparent,
    data: {
      endedBy: exampleOrganisations.rmc,
      reason: 'leeftijd-23',
      endedOn: '2027-05-10',
      vsvMeldingId: exampleIds.vsvMelding,
    },
  },
});
