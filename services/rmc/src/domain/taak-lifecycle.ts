import type { CONSULENT_CLOSE_REASONS } from '@estafette/contracts';

/**
 * An RMC task (taak) for one vsv-melding. The RMC holds the baton while the task is open; it passes
 * only when a handover is accepted (overgedragen) or the task closes with a reason.
 */
export type TaakStatus = 'nieuw' | 'toegewezen' | 'in-contact' | 'traject' | 'overgedragen' | 'gesloten';

/** A reason the consulent chooses from (the fixed list of the regie.ended contract). */
export type ConsulentCloseReason = (typeof CONSULENT_CLOSE_REASONS)[number];

/**
 * Why a task closed: the consulent's reasons, or the system's own (`nieuwe-inschrijving` within the grace period,
 * `terug-naar-school` after it, `geplaatst`, `leeftijdsgrens-bereikt` on the 23rd birthday, `verhuisd` on tasks from before
 * moves were warm handovers).
 */
export type CloseReason =
  ConsulentCloseReason | 'nieuwe-inschrijving' | 'terug-naar-school' | 'geplaatst' | 'leeftijdsgrens-bereikt' | 'verhuisd';

// A task before contact can be overgedragen too: a move to another region (design) needs no contact first; an
// offer to W&I, zorg or a school does (HandOverTaak checks that).
const NEXT: Record<TaakStatus, readonly TaakStatus[]> = {
  nieuw: ['toegewezen', 'in-contact', 'overgedragen', 'gesloten'],
  toegewezen: ['in-contact', 'overgedragen', 'gesloten'],
  'in-contact': ['traject', 'overgedragen', 'gesloten'],
  traject: ['overgedragen', 'gesloten'],
  overgedragen: ['gesloten'],
  gesloten: [],
};

export class TaakTransitionError extends Error {
  constructor(from: TaakStatus, to: TaakStatus) {
    super(`a task that is ${from} cannot become ${to}`);
  }
}

export function transition(from: TaakStatus, to: TaakStatus): TaakStatus {
  if (!NEXT[from].includes(to)) throw new TaakTransitionError(from, to);
  return to;
}

export const isOpen = (status: TaakStatus): boolean => status !== 'gesloten' && status !== 'overgedragen';

export type ContactKind = 'poging' | 'contact';

/** After this many failed attempts in a row the young person is "buiten beeld" and goes to outreach. */
export function isBuitenBeeld(failedAttemptsInARow: number, threshold: number): boolean {
  return failedAttemptsInARow >= threshold;
}
