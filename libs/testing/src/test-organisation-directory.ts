/**
 * The organisation directory of tests: the hosts their events' datarefs name (nothing listens there).
 * A suite that fetches content, or starts services on real ports, names its own origins.
 */
export const TEST_ORGANISATION_DIRECTORY: Record<string, string> = {
  school: 'http://school.test',
  rmc: 'http://rmc.test',
  'werk-inkomen': 'http://wi.test',
  zorg: 'http://zorg.test',
};
