import {
  overdrachtAccepted,
  overdrachtExpired,
  overdrachtOffered,
  overdrachtRejected,
  overdrachtWithdrawn,
  plaatsingFollowUpChecked,
  plaatsingPlaced,
  uitvalNaPlaatsingRegistered,
  vsvMeldingRegistered,
} from '@estafette/contracts';

/** Each steering figure counts one event type; the names are the figure columns of GET /steering. */
export const STEERING_FIGURES = {
  vsvRegistrations: vsvMeldingRegistered.type,
  handoversOffered: overdrachtOffered.type,
  handoversAccepted: overdrachtAccepted.type,
  handoversRejected: overdrachtRejected.type,
  handoversExpired: overdrachtExpired.type,
  handoversWithdrawn: overdrachtWithdrawn.type,
  placements: plaatsingPlaced.type,
  followUpChecks: plaatsingFollowUpChecked.type,
  uitvalNaPlaatsing: uitvalNaPlaatsingRegistered.type,
} as const;

export type SteeringFigure = keyof typeof STEERING_FIGURES;
export const STEERING_AREAS = ['region', 'municipality', 'school'] as const;
export type SteeringArea = (typeof STEERING_AREAS)[number];
export const STEERING_PERIODS = ['month', 'quarter', 'year'] as const;
export type SteeringPeriod = (typeof STEERING_PERIODS)[number];
