import type { EntityManager } from 'typeorm';
import { removalsOf, type Removal } from '../withdrawal/purge.js';
import type { InzageRemoval } from './inzage-document.js';

/** Plain Dutch for what a withdrawal purge removes (`WithdrawalPurge.what`); an unknown category is shown as is. */
const WHAT_IN_DUTCH: Record<string, string> = {
  'verwijzing:gegevens-van-verwijzer': 'de verwijzing naar je gegevens bij de organisatie die je doorverwees',
};

const REASON_IN_DUTCH: Record<Removal['reason'], string> = {
  'toestemming-ingetrokken': 'je hebt je toestemming ingetrokken',
};

/** One purge record as the inzage shows it: what (with how many), why, when; never the removed content. */
export function removalInDutch(removal: Removal): InzageRemoval {
  const what = WHAT_IN_DUTCH[removal.what] ?? removal.what;
  return {
    at: removal.at,
    organisation: null,
    what: removal.count === 1 ? what : `${what} (${removal.count} keer)`,
    reason: REASON_IN_DUTCH[removal.reason] ?? removal.reason,
  };
}

/** The `removals` part of a service's inzage section: its `verwijdering` rows for the young person, oldest first. */
export async function removalsInDutch(manager: EntityManager, subject: string): Promise<InzageRemoval[]> {
  return (await removalsOf(manager, subject)).map(removalInDutch);
}
