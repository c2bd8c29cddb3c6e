/** Diplomas a school can report as the highest one reached (the contract's enum). */
export type Diploma = 'geen' | 'vmbo-bb' | 'vmbo-kb' | 'vmbo-gt' | 'havo' | 'vwo' | 'mbo-1' | 'mbo-2' | 'mbo-3' | 'mbo-4' | 'hbo' | 'wo';

const STARTKWALIFICATIE: ReadonlySet<Diploma> = new Set(['havo', 'vwo', 'mbo-2', 'mbo-3', 'mbo-4', 'hbo', 'wo']);

/** A startkwalificatie is a havo, vwo or mbo level-2 (or higher) diploma; entree (mbo-1) and vmbo are not. */
export function hasStartkwalificatie(highestDiploma: Diploma): boolean {
  return STARTKWALIFICATIE.has(highestDiploma);
}
