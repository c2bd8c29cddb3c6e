/**
 * What a new enrolment means for an open task. On or before the grace period's last day the young person was never an
 * early leaver: the melding is cancelled. After it, the young person went back to school: a success, and the end of the
 * RMC's regie. Source: DOMAIN.md line 34 (grace period); the last day inclusive and the split are design.
 * Dates are Europe/Amsterdam calendar dates (YYYY-MM-DD).
 */
export function reenrolmentOutcome(dateOfEnrolment: string, gracePeriodEndDate: string): 'melding-ingetrokken' | 'terug-naar-school' {
  return dateOfEnrolment <= gracePeriodEndDate ? 'melding-ingetrokken' : 'terug-naar-school';
}
