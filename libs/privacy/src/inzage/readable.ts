/**
 * What a browser may import from this library (package export `@estafette/privacy/readable`): the inzage's shape, the
 * retention table's shape and the inzage's plain Dutch. No framework, no I/O, so the portal shows an inzage in the same
 * words as the consent service's HTML and PDF.
 */
export type {
  InzageAccess,
  InzageAvailableSection,
  InzageDocument,
  InzageOrganisation,
  InzageRecord,
  InzageRemoval,
  InzageSection,
  InzageUnavailableSection,
  InzageValue,
} from './inzage-document.js';
export type {
  Bewaartermijn,
  RetentionAction,
  RetentionBasis,
  RetentionMoment,
  RetentionPeriod,
  RetentionService,
} from '../retention/bewaartermijn.js';
export type { RetentionPolicyView } from '../retention/retention.controller.js';
export type { RetentionRunView } from '../retention/retention-runner.js';
export {
  accessInDutch,
  basisInDutch,
  momentInDutch,
  organisationInDutch,
  purposeInDutch,
  resourceInDutch,
  roleInDutch,
  valueInDutch,
} from './plain-dutch.js';
