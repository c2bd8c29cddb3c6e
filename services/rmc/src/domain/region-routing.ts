// Routing rides on the CBS indeling and the region settings, shared with the school (need-to-know of dossier
// reads): both live once, in @estafette/contracts.
export { buildRouter, type RegionMap, type RegionRouter, type RegionSettings, type RoutedRegion } from '@estafette/contracts';
