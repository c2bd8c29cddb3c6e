import { inschrijvingRegistered, regieEnded, REGIE_END_REASONS, vsvMeldingCancelled } from '@estafette/contracts';
import { batonAfter, type BatonEnd, type BatonEvent } from '@estafette/overdracht';

export type RegieEndReason = (typeof REGIE_END_REASONS)[number];

/** The events that can end a responsibility in the reducer (libs/overdracht `batonAfter`). */
export const ENDING_EVENT_TYPES: readonly string[] = [inschrijvingRegistered.type, vsvMeldingCancelled.type, regieEnded.type];

/**
 * Every end of responsibility in one young person's history, oldest first, as the shared reducer decides it: a
 * regie.ended or vsv-melding.cancelled by the holder, or an enrolment (inside the grace period: melding-ingetrokken,
 * after it: terug-naar-school). A second event about an end that already happened (the RMC confirming with regie.ended
 * what an enrolment ended) is no new end, so nothing is counted twice. Source: libs/overdracht (design).
 */
export function endsOf(events: readonly BatonEvent[]): BatonEnd[] {
  return batonAfter(events).ends;
}

/** Counts per reason, every reason present (zero included), in the order of REGIE_END_REASONS. */
export function countByReason(ends: readonly Pick<BatonEnd, 'reason'>[]): Record<RegieEndReason, number> {
  const counts = Object.fromEntries(REGIE_END_REASONS.map((reason) => [reason, 0])) as Record<RegieEndReason, number>;
  for (const { reason } of ends) counts[reason]++;
  return counts;
}
