/** Below this a count could point at a person in a small school or municipality. */
export const MINIMUM_CELL = 10;

export type SuppressedCount = number | '<10';

/** Every count under 10, zero included (a zero is a fact about the people who are not there), reads "<10". */
export function suppressSmall(count: number): SuppressedCount {
  return count < MINIMUM_CELL ? '<10' : count;
}

/** A median over fewer than 10 handovers describes a few people's cases: shown as "<10", like a count. */
export function suppressedMedian(samples: number, median: number | null): number | '<10' | null {
  if (samples === 0 || median === null) return null;
  return samples < MINIMUM_CELL ? '<10' : Math.round(median * 10) / 10;
}

/** A share in percent, shown only when the cell has at least 10 cases behind it. */
export function suppressedShare(samples: number, positives: number): number | '<10' | null {
  if (samples === 0) return null;
  return samples < MINIMUM_CELL ? '<10' : Math.round((1000 * positives) / samples) / 10;
}
