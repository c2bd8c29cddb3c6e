import type { DecidedBy } from './decide.js';
import type { Level, Purpose } from './vocabulary.js';

/** One audited decision as the decision audit keeps it (its request and outcome jsonb). */
export interface AuditedDecision {
  decidedAt: Date;
  request: { from: { organisationType: string; id: string }; to: { organisationType: string; id: string }; purpose: Purpose; level: Level };
  outcome: { permit: boolean; decidedBy: DecidedBy };
}

/** What one organisation knows about the young person through the platform: THAT (signaal) or WHAT (inhoud). */
export interface Knowledge {
  organisation: { organisationType: string; id: string };
  /** The highest level any permitted decision gave it. */
  level: Level;
  /** The latest permit at that level: when, from which holder, for which purpose, on which basis. */
  at: Date;
  holder: { organisationType: string; id: string };
  purpose: Purpose;
  basis: DecidedBy;
}

const rank = (level: Level) => (level === 'inhoud' ? 1 : 0);

/**
 * Per organisation that asked, the highest level it was permitted (the level it asked for, when permitted), with
 * the latest permit at that level. Denied decisions give nothing. WHAT (inhoud) first, then THAT, each by
 * organisation id. Source: issue 20 item 4 (design): the young person sees who knows that, and who knows what.
 */
export function whoKnowsWhat(decisions: readonly AuditedDecision[]): Knowledge[] {
  const byOrganisation = new Map<string, Knowledge>();
  for (const d of decisions) {
    if (!d.outcome.permit) continue;
    const known = byOrganisation.get(d.request.to.id);
    const level = d.request.level;
    if (known && (rank(known.level) > rank(level) || (known.level === level && known.at >= d.decidedAt))) continue;
    byOrganisation.set(d.request.to.id, {
      organisation: d.request.to,
      level,
      at: d.decidedAt,
      holder: d.request.from,
      purpose: d.request.purpose,
      basis: d.outcome.decidedBy,
    });
  }
  return [...byOrganisation.values()].sort((a, b) => rank(b.level) - rank(a.level) || a.organisation.id.localeCompare(b.organisation.id));
}
