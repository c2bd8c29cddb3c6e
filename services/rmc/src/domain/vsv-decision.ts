import { NAZORG_SCHOOL_TYPES } from '@estafette/overdracht';
/** What the RMC knows from an uitschrijving; no personal content, only derived facts. */
export interface LeaverFacts {
  ageAtDeregistration: number;
  hasStartkwalificatie: boolean;
  schoolType?: string;
}

export type VsvDecision = { vsv: true; team: Team } | { vsv: false; why: 'startkwalificatie' | 'age-23-or-older' | 'nazorg-pro-vso' };

/** Under 16 leerplicht, 16-17 kwalificatieplicht (attendance office), 18-22 the RMC's own team. */
export type Team = 'leerplicht' | 'kwalificatieplicht' | 'rmc';

/**
 * An early school leaver (vsv) is under 23 at the deregistration date and has no startkwalificatie.
 * A new enrolment within the grace period cancels the melding afterwards (see the melding lifecycle).
 */
export function decideVsv(facts: LeaverFacts): VsvDecision {
  if (facts.hasStartkwalificatie) return { vsv: false, why: 'startkwalificatie' };
  if (facts.ageAtDeregistration >= 23) return { vsv: false, why: 'age-23-or-older' };
  // (design) Pro and vso prepare for work or day activities, not a startkwalificatie: their leavers are no early
  // school leavers. The school keeps them in nazorg (holds the baton) and hands over to the municipality itself.
  if (NAZORG_SCHOOL_TYPES.includes(facts.schoolType ?? '')) return { vsv: false, why: 'nazorg-pro-vso' };
  return { vsv: true, team: teamFor(facts.ageAtDeregistration) };
}

export function teamFor(age: number): Team {
  if (age < 16) return 'leerplicht';
  if (age < 18) return 'kwalificatieplicht';
  return 'rmc';
}
