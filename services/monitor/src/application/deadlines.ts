import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  overdrachtAccepted,
  overdrachtExpired,
  overdrachtFirstContactMissed,
  overdrachtOffered,
  overdrachtRejected,
  overdrachtWithdrawn,
  vsvMeldingBuitenBeeld,
  vsvMeldingFirstContactOverdue,
} from '@estafette/contracts';
import { batonAfter, heldOutOfScope, inScopeWithoutHolder, type BatonEvent } from '@estafette/overdracht';
import { countByReason, type RegieEndReason } from '../domain/regie-ends.js';

export interface OpenOffers {
  receiver: string;
  pastDeadline: number;
  dueWithin24h: number;
  later: number;
}

export interface BatonFigures {
  /** Young people the bus has told us about (an uitschrijving, a vsv-melding, an enrolment or a handover). */
  tracked: number;
  /** The invariant, as before the baton could end: in scope without a holder, must be zero (same as `inScopeWithoutHolder`). */
  withoutHolder: number;
  /** Events that could not change the baton (e.g. placed by an organisation that did not hold it): to look into. */
  withConflicts: number;
  /** Holders per organisation kind, of the young people in scope. */
  holdersByType: Record<string, number>;
  /** Young people someone must hold the baton for now. */
  inScope: number;
  /** Must be zero: in scope, and nobody holds the baton. */
  inScopeWithoutHolder: number;
  /** Must be zero: a holder after an end, or the RMC still holding on or after the 23rd birthday (on today's Amsterdam date). */
  heldOutOfScope: number;
  /** Young people out of scope now, by the reason their last responsibility ended. */
  endedByReason: Record<RegieEndReason, number>;
}

const ANSWERS = [overdrachtAccepted, overdrachtRejected, overdrachtExpired, overdrachtWithdrawn].map((d) => d.type);

/**
 * Deadlines that slip and the baton invariant, as counts per kind of organisation: ops act on them in the
 * owning service, so no pseudonym or handover id leaves the monitor.
 */
@Injectable()
export class Deadlines {
  constructor(private readonly db: DataSource) {}

  /** Open offers per receiver kind at instant `now`: past their deadline, due within 24 hours, or later. */
  async openOffers(now: Date): Promise<OpenOffers[]> {
    const rows: { receiver: string; past: number; soon: number; later: number }[] = await this.db.query(
      `SELECT o.to_type AS receiver,
              count(*) FILTER (WHERE o.due_at < $1)::int AS past,
              count(*) FILTER (WHERE o.due_at >= $1 AND o.due_at < $1 + interval '24 hours')::int AS soon,
              count(*) FILTER (WHERE o.due_at >= $1 + interval '24 hours')::int AS later
         FROM flow_event o
        WHERE o.type = $2 AND NOT EXISTS (SELECT 1 FROM flow_event a WHERE a.overdracht_id = o.overdracht_id AND a.type = ANY($3))
        GROUP BY o.to_type ORDER BY o.to_type`,
      [now, overdrachtOffered.type, ANSWERS],
    );
    return rows.map((r) => ({ receiver: r.receiver, pastDeadline: r.past, dueWithin24h: r.soon, later: r.later }));
  }

  /** Escalations the services announced in the window: first contacts not made in time. */
  async missedFirstContacts(from: Date, to: Date): Promise<{ vsvMeldingOverdue: number; overdrachtMissed: number }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE type = $1)::int AS vsv, count(*) FILTER (WHERE type = $2)::int AS overdracht
         FROM flow_event WHERE event_time >= $3 AND event_time < $4`,
      [vsvMeldingFirstContactOverdue.type, overdrachtFirstContactMissed.type, from, to],
    );
    return { vsvMeldingOverdue: row.vsv, overdrachtMissed: row.overdracht };
  }

  /** Young people the RMC lost sight of in the window (after repeated failed contact attempts). */
  async buitenBeeld(from: Date, to: Date): Promise<number> {
    const [row] = await this.db.query(
      'SELECT count(DISTINCT subject)::int AS n FROM flow_event WHERE type = $1 AND event_time >= $2 AND event_time < $3',
      [vsvMeldingBuitenBeeld.type, from, to],
    );
    return row.n;
  }

  /**
   * The baton per young person from the events seen (the shared reducer of libs/overdracht), counted. `today` is the
   * Amsterdam calendar date (YYYY-MM-DD) on which the RMC's part has ended for whoever turned 23 by then.
   */
  async baton(today: string): Promise<BatonFigures> {
    const people: { events: BatonEvent[] }[] = await this.db.query(
      `SELECT json_agg(json_build_object('id', event_id, 'type', type, 'time', event_time, 'data', baton_facts)) AS events
         FROM flow_event WHERE baton_facts IS NOT NULL GROUP BY subject`,
    );
    const figures: BatonFigures = {
      tracked: people.length,
      withoutHolder: 0,
      withConflicts: 0,
      holdersByType: {},
      inScope: 0,
      inScopeWithoutHolder: 0,
      heldOutOfScope: 0,
      endedByReason: countByReason([]),
    };
    for (const { events } of people) {
      const view = batonAfter(events);
      if (view.inScope) figures.inScope++;
      if (inScopeWithoutHolder(view)) figures.inScopeWithoutHolder++;
      if (heldOutOfScope(view, today)) figures.heldOutOfScope++;
      if (view.holder) figures.holdersByType[view.holder.organisationType] = (figures.holdersByType[view.holder.organisationType] ?? 0) + 1;
      if (!view.inScope && view.ended) figures.endedByReason[view.ended.reason]++;
      if (view.conflicts.length > 0) figures.withConflicts++;
    }
    figures.withoutHolder = figures.inScopeWithoutHolder;
    return figures;
  }
}
