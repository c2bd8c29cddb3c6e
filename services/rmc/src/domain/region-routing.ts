// The region map is shared with the school (need-to-know of dossier reads): it lives once, in @estafette/contracts.
export { buildRouter, type Region, type RegionMap, type RegionSettings, type RoutedRegion } from '@estafette/contracts';
