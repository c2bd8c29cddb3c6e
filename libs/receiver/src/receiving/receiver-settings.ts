import type { Role } from '@estafette/auth';
import type { FollowUpCheckType } from '@estafette/overdracht';

export const RECEIVER_SETTINGS = Symbol('RECEIVER_SETTINGS');

/**
 * What makes a receiving service werk-inkomen, zorg, a school or the RMC's inbox; everything else is shared. What
 * only one of them does, it adds itself (OwnParts, providers such as ADULT_RETURNS_TO, RECEIVER_ON_ACCEPTED and
 * RECEIVER_ON_UITVAL).
 */
export interface ReceiverSettings {
  organisationType: 'werk-inkomen' | 'zorg' | 'rmc' | 'school';
  /** The roles that work in this service's inbox (W&I: wi-consulent; the RMC: its consulenten and coordinator). */
  roles: [Role, ...Role[]];
  publicUrl: string;
  /** How often due follow-up checks are looked for; the timers themselves live in the database. */
  timerIntervalMs: number;
  followUpMonths?: Record<FollowUpCheckType, number>;
  /** false: inbox and answers only, no placement routes (the RMC works on from a task, a school enrols). Default true. */
  placements?: boolean;
  /** The service also hands over from an accepted referral (W&I back to the RMC): POST /verwijzingen/:id/overdrachten. */
  sends?: boolean;
  /**
   * A school takes a young person back (design): it accepts with the date it plans to enrol them
   * (`enrolmentPlannedOn`, required on its acceptance, carried on overdracht.accepted).
   */
  enrolment?: boolean;
}
