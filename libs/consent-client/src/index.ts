export { ConsentClient, type ConsentClientOptions } from './consent-client.js';
export { consentAccessFromEnv, failClosedConsentClient, type ConsentAccess } from './consent-access-from-env.js';
export {
  accessBasis,
  ConsentDeniedException,
  withConsent,
  withSignal,
  type Betrokkenheid,
  type ContentRequest,
  type SignalRequest,
} from './with-consent.js';
export type { DecidedBy, Organisation, SharingDecision, SharingQuestion } from './decision.js';
