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
export { removalInDutch, removalsInDutch } from './removals-in-dutch.js';
export { accessesOf, accessView, organisationOf, type OrganisationNames } from './access-entries.js';
export {
  INZAGE_HOLDINGS,
  InzageController,
  inzageProviders,
  type HoldingsPart,
  type InzageHoldings,
  type Names,
} from './inzage.controller.js';
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
