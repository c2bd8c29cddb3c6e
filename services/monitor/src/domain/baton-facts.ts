import { overdrachtOffered, type CloudEvent } from '@estafette/contracts';
import { batonFactsOf } from '@estafette/overdracht';

export interface DeadlineFacts {
  overdrachtId: string | null;
  /** An offer's answer deadline. */
  dueAt: string | null;
  /**
   * Exactly the fields the baton reducer reads (`batonFactsOf` of @estafette/overdracht: organisations, ids, dates,
   * codes), null for an event that does not touch the baton. Kept by the same function the reducer's property test
   * checks, so the monitor's baton is the RMC's.
   */
  batonFacts: Record<string, unknown> | null;
}

/** What deadlines and the baton need of one event, and nothing more of its data. */
export function deadlineFacts(event: CloudEvent): DeadlineFacts {
  const data = (event.data ?? {}) as Record<string, unknown>;
  return {
    overdrachtId: typeof data.overdrachtId === 'string' ? data.overdrachtId : null,
    dueAt: event.type === overdrachtOffered.type && typeof data.responseDueAt === 'string' ? data.responseDueAt : null,
    batonFacts: batonFactsOf(event),
  };
}
