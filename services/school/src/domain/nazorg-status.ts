/**
 * What the school knows happened to a former student after leaving, fed by events from the chain.
 * Only forward moves: a late or replayed event must not turn "geplaatst" back into "vsv-gemeld".
 */
export const NAZORG_STATUSES = ['uitgeschreven', 'vsv-gemeld', 'vsv-vervallen', 'overgedragen', 'geplaatst'] as const;
export type NazorgStatus = (typeof NAZORG_STATUSES)[number];

const ORDER: Record<NazorgStatus, number> = {
  uitgeschreven: 0,
  'vsv-gemeld': 1,
  'vsv-vervallen': 2,
  overgedragen: 2,
  geplaatst: 3,
};

export function nextNazorgStatus(current: NazorgStatus, observed: NazorgStatus): NazorgStatus {
  return ORDER[observed] > ORDER[current] ? observed : current;
}
