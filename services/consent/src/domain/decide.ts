import { today as amsterdamDate } from '@estafette/calendar';
import type { Convenant, ConvenantFlow } from './convenant.js';
import { partyIncludes, type Organisation } from './party.js';
import { missingGrantors, statusAt, type Toestemming } from './toestemming.js';
import { CONSENT_PURPOSES, levelCovers, type DataCategory, type Level, type Purpose } from './vocabulary.js';

/** "May `from` share `dataCategories` about `subject` with `to` for `purpose`, at this level?" */
export interface DecisionRequest {
  from: Organisation;
  to: Organisation;
  subject: string;
  dataCategories: DataCategory[];
  purpose: Purpose;
  level: Level;
}

export type DecidedBy =
  | { kind: 'convenant'; convenantId: string; convenantVersion: number; flowId: string; grondslag: ConvenantFlow['grondslag'] }
  | { kind: 'toestemming'; toestemmingId: string; grondslag: 'toestemming' }
  | { kind: 'none' };

export type DecisionReason =
  | 'wettelijke-grondslag'
  | 'toestemming'
  | 'alleen-signaal-toegestaan'
  | 'toestemming-ingetrokken'
  | 'toestemming-verlopen'
  | 'toestemming-nog-niet-geldig'
  | 'toestemming-ouder-of-voogd-ontbreekt'
  | 'geen-grondslag';

export interface Decision {
  permit: boolean;
  /** The most the requester may see under the basis found, whether or not it asked for more. */
  levelAllowed: Level | null;
  decidedBy: DecidedBy;
  reason: DecisionReason;
}

export interface DecisionContext {
  convenants: readonly Convenant[];
  /** The subject's consents (one indexed query); others are ignored. */
  toestemmingen: readonly Toestemming[];
  now: Date;
  minorAgeThreshold: number;
}

const covers = (offered: readonly string[], asked: readonly string[]) => asked.every((c) => offered.includes(c));

/** Flows of every convenant in which both organisations take part, that carry this request. */
export function applicableFlows(
  request: DecisionRequest,
  convenants: readonly Convenant[],
  now: Date,
): { convenant: Convenant; flow: ConvenantFlow }[] {
  const today = amsterdamDate(now);
  const found: { convenant: Convenant; flow: ConvenantFlow }[] = [];
  for (const convenant of convenants) {
    if (convenant.validFrom > today) continue;
    const party = (o: Organisation) => convenant.parties.some((p) => partyIncludes(p, o));
    if (!party(request.from) || !party(request.to)) continue;
    for (const flow of convenant.flows) {
      if (flow.purpose !== request.purpose) continue;
      if (!partyIncludes(flow.from, request.from) || !partyIncludes(flow.to, request.to)) continue;
      if (!covers(flow.dataCategories, request.dataCategories)) continue;
      found.push({ convenant, flow });
    }
  }
  return found;
}

// When no consent counts, the young person deserves the reason closest to "yes".
const CONSENT_FAILURES: DecisionReason[] = [
  'toestemming-ouder-of-voogd-ontbreekt',
  'toestemming-nog-niet-geldig',
  'toestemming-verlopen',
  'toestemming-ingetrokken',
];

/**
 * A legal basis (law or public task, per the convenant) decides first; otherwise a valid, specific consent
 * of this young person (and a parent or guardian while a minor). Anything else denies: fail closed.
 */
export function decide(request: DecisionRequest, context: DecisionContext): Decision {
  const flows = applicableFlows(request, context.convenants, context.now);
  const legal = flows
    .filter(({ flow }) => flow.grondslag !== 'toestemming')
    .sort((a, b) => (a.flow.level === b.flow.level ? 0 : a.flow.level === 'inhoud' ? -1 : 1))[0];
  const byRule = (): DecidedBy =>
    legal
      ? {
          kind: 'convenant',
          convenantId: legal.convenant.id,
          convenantVersion: legal.convenant.version,
          flowId: legal.flow.id,
          grondslag: legal.flow.grondslag,
        }
      : { kind: 'none' };

  if (legal && levelCovers(legal.flow.level, request.level)) {
    return { permit: true, levelAllowed: legal.flow.level, decidedBy: byRule(), reason: 'wettelijke-grondslag' };
  }

  let closestFailure: { reason: DecisionReason; toestemmingId: string } | undefined;
  if ((CONSENT_PURPOSES as readonly string[]).includes(request.purpose)) {
    for (const t of context.toestemmingen) {
      if (t.subject !== request.subject || t.purpose !== request.purpose) continue;
      if (!partyIncludes(t.from, request.from) || !partyIncludes(t.to, request.to)) continue;
      if (!covers(t.dataCategories, request.dataCategories)) continue;
      const failure = consentFailure(t, context);
      if (!failure) {
        return {
          permit: true,
          levelAllowed: 'inhoud',
          decidedBy: { kind: 'toestemming', toestemmingId: t.id, grondslag: 'toestemming' },
          reason: 'toestemming',
        };
      }
      if (!closestFailure || CONSENT_FAILURES.indexOf(failure) < CONSENT_FAILURES.indexOf(closestFailure.reason)) {
        closestFailure = { reason: failure, toestemmingId: t.id };
      }
    }
  }

  if (legal) return { permit: false, levelAllowed: legal.flow.level, decidedBy: byRule(), reason: 'alleen-signaal-toegestaan' };
  if (closestFailure) {
    return {
      permit: false,
      levelAllowed: null,
      decidedBy: { kind: 'toestemming', toestemmingId: closestFailure.toestemmingId, grondslag: 'toestemming' },
      reason: closestFailure.reason,
    };
  }
  return { permit: false, levelAllowed: null, decidedBy: { kind: 'none' }, reason: 'geen-grondslag' };
}

function consentFailure(t: Toestemming, context: DecisionContext): DecisionReason | undefined {
  const status = statusAt(t, context.now);
  if (status === 'withdrawn') return 'toestemming-ingetrokken';
  if (status === 'expired') return 'toestemming-verlopen';
  if (status === 'not-yet-valid') return 'toestemming-nog-niet-geldig';
  if (missingGrantors(t, context.now, context.minorAgeThreshold).length) return 'toestemming-ouder-of-voogd-ontbreekt';
  return undefined;
}
