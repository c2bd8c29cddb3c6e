import type { Convenant } from './domain/convenant.js';

export const CONSENT_SETTINGS = Symbol('CONSENT_SETTINGS');

export interface ConsentSettings {
  /** Below this age a parent or guardian consents too (CONSENT_MINOR_AGE_THRESHOLD, default 18). */
  minorAgeThreshold: number;
  /** The organisation running the consent service: the `source` of toestemming events. */
  organisationId: string;
  /** Loaded once at start-up: the decision hot path never reads them from disk or database. */
  convenanten: Convenant[];
}
