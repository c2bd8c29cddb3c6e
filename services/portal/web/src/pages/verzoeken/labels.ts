import { CATEGORIES, PURPOSES } from '../jongere/labels.js';

/** A consent request as the consent service gives it (`/verzoeken`, `/me/verzoeken`). */
export interface Verzoek {
  id: string;
  subject: string;
  requester: { organisationType: string; id: string; name: string | null };
  from: { organisationType: string; id: string; name: string | null };
  dataCategories: string[];
  purpose: string;
  reason: string;
  validUntil: string;
  wordingText: string;
  status: 'open' | 'akkoord' | 'afgewezen';
  requestedAt: string;
  answeredAt: string | null;
  toestemming: { id: string; status: string; awaitingGuardian: boolean; withdrawnBy: string | null } | null;
}

/** Where a request stands, for the organisation that asked. */
export function verzoekStand(v: Verzoek): string {
  if (v.status === 'open') return 'Wacht op antwoord van de jongere';
  if (v.status === 'afgewezen') return 'Afgewezen door de jongere';
  if (v.toestemming?.awaitingGuardian) return 'Jongere akkoord, wacht op ouder of voogd';
  if (v.toestemming?.status === 'withdrawn')
    return v.toestemming.withdrawnBy === 'ouder-of-voogd'
      ? 'Jongere akkoord, geweigerd door de ouder of voogd'
      : 'Akkoord, later ingetrokken door de jongere';
  return 'Akkoord: de toestemming geldt';
}

export { CATEGORIES, PURPOSES };
