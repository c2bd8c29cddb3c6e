import { overdrachtOffered, type CloudEvent } from '@estafette/contracts';
import { BATON_EVENT_TYPES } from '@estafette/overdracht';

/** The only data fields the baton reducer reads (organisations, ids, region). */
const BATON_FIELDS = ['overdrachtId', 'from', 'to', 'rmcRegion', 'placedBy', 'returnsTo'] as const;

export interface DeadlineFacts {
  overdrachtId: string | null;
  /** An offer's answer deadline. */
  dueAt: string | null;
  batonFacts: Record<string, unknown> | null;
}

export function deadlineFacts(event: CloudEvent): DeadlineFacts {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const batonFacts = BATON_EVENT_TYPES.includes(event.type)
    ? Object.fromEntries(BATON_FIELDS.filter((field) => data[field] !== undefined).map((field) => [field, data[field]]))
    : null;
  return {
    overdrachtId: typeof data.overdrachtId === 'string' ? data.overdrachtId : null,
    dueAt: event.type === overdrachtOffered.type && typeof data.responseDueAt === 'string' ? data.responseDueAt : null,
    batonFacts,
  };
}
