import {
  REGIE_END_REASONS,
  overdrachtAccepted,
  overdrachtExpired,
  overdrachtOffered,
  overdrachtRejected,
  overdrachtWithdrawn,
  plaatsingFollowUpChecked,
  plaatsingPlaced,
  uitvalNaPlaatsingRegistered,
  vsvMeldingFirstContactOverdue,
  vsvMeldingPeriodicContactOverdue,
  vsvMeldingRegistered,
} from '@estafette/contracts';

/** Each steering figure counts one event type; the names are the figure columns of GET /steering. */
export const STEERING_FIGURES = {
  vsvRegistrations: vsvMeldingRegistered.type,
  firstContactsOverdue: vsvMeldingFirstContactOverdue.type,
  periodicContactsOverdue: vsvMeldingPeriodicContactOverdue.type,
  handoversOffered: overdrachtOffered.type,
  handoversAccepted: overdrachtAccepted.type,
  handoversRejected: overdrachtRejected.type,
  handoversExpired: overdrachtExpired.type,
  handoversWithdrawn: overdrachtWithdrawn.type,
  placements: plaatsingPlaced.type,
  followUpChecks: plaatsingFollowUpChecked.type,
  uitvalNaPlaatsing: uitvalNaPlaatsingRegistered.type,
} as const;

/**
 * Ends of responsibility (regie) per reason, as the baton reducer decides them (regie.ended, vsv-melding.cancelled, an
 * enrolment); the names are figure columns of GET /steering next to the event counts.
 */
export const END_FIGURES = {
  endedMeldingIngetrokken: 'melding-ingetrokken',
  endedTerugNaarSchool: 'terug-naar-school',
  endedLeeftijd23: 'leeftijd-23',
  endedGeslotenDoorConsulent: 'gesloten-door-consulent',
} as const satisfies Record<string, (typeof REGIE_END_REASONS)[number]>;

export type SteeringFigure = keyof typeof STEERING_FIGURES | keyof typeof END_FIGURES;
export const STEERING_AREAS = ['region', 'municipality', 'school'] as const;
export type SteeringArea = (typeof STEERING_AREAS)[number];
export const STEERING_PERIODS = ['month', 'quarter', 'year'] as const;
export type SteeringPeriod = (typeof STEERING_PERIODS)[number];

/** The period label of an Amsterdam calendar date (YYYY-MM-DD), as the SQL labels event times: 2027-05, 2027-Q2, 2027. */
export function periodOf(period: SteeringPeriod, date: string): string {
  if (period === 'month') return date.slice(0, 7);
  if (period === 'year') return date.slice(0, 4);
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}
