import {
  inschrijvingRegistered,
  overdrachtAccepted,
  overdrachtExpired,
  overdrachtFirstContactHeld,
  overdrachtOffered,
  overdrachtRejected,
  overdrachtWithdrawn,
  plaatsingPlaced,
  regieEnded,
  uitvalNaPlaatsingRegistered,
  vsvMeldingRegistered,
} from '@estafette/contracts';
import { batonAfter, type BatonEvent, type Organisation } from '@estafette/overdracht';

/** One step in the young person's history, oldest first: what happened, when (an instant), between whom. */
export interface Stap {
  kind:
    | 'melding'
    | 'aangeboden'
    | 'geaccepteerd'
    | 'afgewezen'
    | 'ingetrokken'
    | 'verlopen'
    | 'geplaatst'
    | 'uitval'
    | 'ingeschreven'
    | 'regie-beeindigd';
  at: string;
  from?: Organisation;
  to?: Organisation;
}

/** What the young person's RMC task knows about the next step (only when the RMC holds the baton). */
export interface RmcTaakStand {
  region: string;
  firstContactDueDate: string;
  firstContactAt: Date | null;
  /** The plan van aanpak's current next step and its Amsterdam date, when there is a plan. */
  plan?: { nextStep: string; nextStepOn: string };
}

export interface WieHelptMij {
  /** Who holds the baton now; null when nobody must (regie ended, or never started). */
  holder: { organisation: Organisation; since: string } | null;
  ended: { reason: string; on: string } | null;
  /** The next step: what (a code the portal words) and its Amsterdam date. */
  next: { kind: 'plan' | 'eerste-contact-rmc' | 'eerste-gesprek'; what?: string; on: string | null } | null;
  history: Stap[];
}

const KINDS: Record<string, Stap['kind']> = {
  [vsvMeldingRegistered.type]: 'melding',
  [overdrachtOffered.type]: 'aangeboden',
  [overdrachtAccepted.type]: 'geaccepteerd',
  [overdrachtRejected.type]: 'afgewezen',
  [overdrachtWithdrawn.type]: 'ingetrokken',
  [overdrachtExpired.type]: 'verlopen',
  [plaatsingPlaced.type]: 'geplaatst',
  [uitvalNaPlaatsingRegistered.type]: 'uitval',
  [inschrijvingRegistered.type]: 'ingeschreven',
  [regieEnded.type]: 'regie-beeindigd',
};

const sameOrg = (a?: Organisation, b?: Organisation) => !!a && !!b && a.organisationType === b.organisationType && a.id === b.id;

/**
 * "Wie helpt mij nu?" for the young person, from the baton's events (the same events, and the same rule, that decide
 * the baton: batonAfter in @estafette/overdracht) and, while the RMC holds it, the RMC task. Pure.
 * The holder's `since` is the last step that gave it the baton. The next step: with the RMC, the plan van aanpak's
 * next step, else the first contact before its due date; with a receiver, the first talk it planned when it accepted
 * (until that talk was held). The contact person is the holder's own data (the portal asks the holder's service).
 * Source: design (issue 23, "Wie helpt mij nu?").
 */
export function wieHelptMij(events: readonly BatonEvent[], taak?: RmcTaakStand): WieHelptMij {
  const view = batonAfter(events);
  const ordered = [...events].sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id));
  const history: Stap[] = [];
  for (const e of ordered) {
    const kind = KINDS[e.type];
    if (!kind) continue;
    const data = e.data as {
      from?: Organisation;
      to?: Organisation;
      rmcRegion?: string;
      school?: Organisation;
      by?: Organisation;
      organisation?: Organisation;
    };
    const to =
      kind === 'melding' ? { organisationType: 'rmc', id: `rmc:${data.rmcRegion}` } : kind === 'ingeschreven' ? data.school : data.to;
    history.push({ kind, at: e.time, ...(data.from ? { from: data.from } : {}), ...(to ? { to } : {}) });
  }
  const holder = view.holder;
  const gaveBaton = [...history]
    .reverse()
    .find((s) => ['melding', 'geaccepteerd', 'ingeschreven', 'uitval'].includes(s.kind) && sameOrg(s.to, holder));
  const since = gaveBaton?.at ?? ordered.at(-1)?.time;
  return {
    holder: holder && since ? { organisation: holder, since } : null,
    ended: view.ended ? { reason: view.ended.reason, on: view.ended.on } : null,
    next: holder ? nextStep(holder, ordered, taak) : null,
    history,
  };
}

function nextStep(holder: Organisation, events: BatonEvent[], taak?: RmcTaakStand): WieHelptMij['next'] {
  if (holder.organisationType === 'rmc') {
    if (!taak || `rmc:${taak.region}` !== holder.id) return null;
    if (taak.plan) return { kind: 'plan', what: taak.plan.nextStep, on: taak.plan.nextStepOn };
    return taak.firstContactAt ? null : { kind: 'eerste-contact-rmc', on: taak.firstContactDueDate };
  }
  const accepted = [...events]
    .reverse()
    .find((e) => e.type === overdrachtAccepted.type && sameOrg((e.data as { to?: Organisation }).to, holder));
  if (!accepted) return null;
  const { overdrachtId, firstContactPlannedOn } = accepted.data as { overdrachtId: string; firstContactPlannedOn?: string };
  const held = events.some(
    (e) => e.type === overdrachtFirstContactHeld.type && (e.data as { overdrachtId?: string }).overdrachtId === overdrachtId,
  );
  return held || !firstContactPlannedOn ? null : { kind: 'eerste-gesprek', on: firstContactPlannedOn };
}
