import type { CORRECTABLE_FIELDS } from '@estafette/contracts';

/** A field of an uitschrijving a school can correct, named as on the bus (`uitschrijving.registered`). */
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** Per changed field its value before and after the correction (dates YYYY-MM-DD, codes as registered). */
export type CorrectieChanges = Partial<Record<CorrectableField, { from: string; to: string }>>;

/** The correctable values of an uitschrijving, as the school stores them. */
export interface CorrectableValues {
  deregistrationDate: string;
  schoolType: string;
  highestDiploma: string;
  municipalityOfResidence: string;
}

const BUS_NAME: Record<keyof CorrectableValues, CorrectableField> = {
  deregistrationDate: 'dateOfDeregistration',
  schoolType: 'schoolType',
  highestDiploma: 'highestDiploma',
  municipalityOfResidence: 'municipalityOfResidence',
};

/**
 * What a correction changes: every requested value that differs from the current one, with both values. A requested
 * value equal to the current one is no change; an empty result means the request corrects nothing. Source: design (issue 22).
 */
export function changesOf(current: CorrectableValues, requested: Partial<CorrectableValues>): CorrectieChanges {
  const changes: CorrectieChanges = {};
  for (const field of Object.keys(BUS_NAME) as (keyof CorrectableValues)[]) {
    const to = requested[field];
    if (to !== undefined && to !== current[field]) changes[BUS_NAME[field]] = { from: current[field], to };
  }
  return changes;
}

/** The values after the correction: the current ones with the requested ones on top. */
export function corrected(current: CorrectableValues, requested: Partial<CorrectableValues>): CorrectableValues {
  const defined = Object.entries(requested).filter(([, v]) => v !== undefined);
  return { ...current, ...Object.fromEntries(defined) };
}
