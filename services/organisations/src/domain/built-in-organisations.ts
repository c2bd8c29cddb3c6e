/** An organisation the directory knows without registration: a municipality or an RMC region. */
export interface BuiltInOrganisation {
  id: string;
  kind: 'gemeente' | 'rmc';
  code: string;
  name: string;
}

/**
 * Where municipalities and RMC regions come from (CBS data, libs/contracts). Plugged into the directory at
 * start (`createOrganisationsApp(config, { builtIn })`); the directory never stores them, so loading next
 * year's CBS list is a new source, not a migration.
 */
export interface BuiltInOrganisations {
  /** What the source is, for logs and the README, e.g. `CBS 2025`. */
  readonly label: string;
  /** The organisation with this id (`gemeente:GM0363`, `rmc:<region code>`), or undefined. */
  find(id: string): BuiltInOrganisation | undefined;
  /** Every organisation of the source (a few hundred), for a search by name. */
  all(): readonly BuiltInOrganisation[];
}

/**
 * A source from two lists of `[code, name]`: municipalities (`GM0363`, `Amsterdam`) and RMC regions (the
 * region code as the platform writes it after `rmc:`). This is how a CBS table becomes a source.
 */
export function builtInOrganisations(
  label: string,
  lists: { municipalities: Iterable<readonly [string, string]>; rmcRegions: Iterable<readonly [string, string]> },
): BuiltInOrganisations {
  const all = new Map<string, BuiltInOrganisation>();
  for (const [code, name] of lists.municipalities) all.set(`gemeente:${code}`, { id: `gemeente:${code}`, kind: 'gemeente', code, name });
  for (const [code, name] of lists.rmcRegions) all.set(`rmc:${code}`, { id: `rmc:${code}`, kind: 'rmc', code, name });
  const list = [...all.values()];
  return { label, find: (id) => all.get(id), all: () => list };
}

/**
 * The tiny source tests use where the CBS one (application/cbs-built-in.ts, what `npm start` runs) is more than they need: the municipalities and regions of
 * the sample region map (libs/contracts/data/rmc-regions.json) that tests and the demo use. Names are CBS's. Source: design.
 */
export const FALLBACK_BUILT_IN: BuiltInOrganisations = builtInOrganisations('fallback (sample regions)', {
  municipalities: [
    ['GM0363', 'Amsterdam'],
    ['GM0384', 'Diemen'],
    ['GM0344', 'Utrecht'],
    ['GM0599', 'Rotterdam'],
    ['GM0193', 'Zwolle'],
  ],
  rmcRegions: [
    ['MC21', 'Agglomeratie Amsterdam'],
    ['MC19', 'Utrecht'],
    ['MC29', 'Rijnmond'],
    ['MC10', 'IJssel-Vecht'],
  ],
});
