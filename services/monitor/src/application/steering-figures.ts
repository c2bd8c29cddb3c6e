import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startOfDay } from '@estafette/calendar';
import { overdrachtAccepted, overdrachtOffered, platformIndeling, plaatsingFollowUpChecked } from '@estafette/contracts';
import type { BatonEvent } from '@estafette/overdracht';
import { countByReason, endsOf, ENDING_EVENT_TYPES, type RegieEndReason } from '../domain/regie-ends.js';
import { suppressedMedian, suppressedShare, suppressSmall, type SuppressedCount } from '../domain/small-cells.js';
import {
  END_FIGURES,
  periodOf,
  STEERING_FIGURES,
  type SteeringArea,
  type SteeringFigure,
  type SteeringPeriod,
} from '../domain/steering-figures.js';

export interface SteeringRow {
  period: string;
  /** MCxx, GMxxxx or the school's id; 'onbekend' when no event of the young person says. */
  area: string;
  /** CBS name of a region or municipality (MC21 Agglomeratie Amsterdam); null for schools and 'onbekend'. */
  areaName: string | null;
  figures: Record<SteeringFigure, SuppressedCount>;
  /** Hours from offer to acceptance, median over the handovers accepted in the cell; null when none. */
  medianHandoverHours: number | '<10' | null;
  /** Percent of the 1-year follow-up checks in the cell that found the young person still placed or done. */
  stillPlacedAfterOneYearPercent: number | '<10' | null;
}

// Interpolated column names come only from these whitelists, never from the request.
const AREA_COLUMN: Record<SteeringArea, string> = { region: 'region', municipality: 'municipality', school: 'school' };
/** Where the area comes from when no event of the young person names it: the region of the municipality of residence. */
const AREA_FALLBACK: Record<SteeringArea, string | null> = { region: 'residence_region', municipality: null, school: null };
const fallbackOf = (area: SteeringArea, alias?: string) => {
  const column = AREA_FALLBACK[area];
  return column === null ? 'NULL::text' : alias ? `${alias}.${column}` : column;
};

/** Per pseudonym: the latest area any of its events names, and the latest fallback; the pseudonym stays in the query. */
const known = (area: SteeringArea) => `known AS (
         SELECT subject,
                (array_agg(${AREA_COLUMN[area]} ORDER BY event_time DESC) FILTER (WHERE ${AREA_COLUMN[area]} IS NOT NULL))[1] AS area,
                (array_agg(${fallbackOf(area)} ORDER BY event_time DESC) FILTER (WHERE ${fallbackOf(area)} IS NOT NULL))[1] AS fallback
           FROM flow_event GROUP BY subject)`;

/** The event's own area, else its young person's, else the fallbacks, else 'onbekend'. */
const areaOf = (area: SteeringArea, alias: string) =>
  `coalesce(${alias}.${AREA_COLUMN[area]}, k.area, ${fallbackOf(area, alias)}, k.fallback, 'onbekend')`;

/** The CBS name of an area code, for a person reading the figures. */
function areaName(area: SteeringArea, code: string): string | null {
  const indeling = platformIndeling();
  if (area === 'region') return indeling.rmcRegions.get(code)?.name ?? null;
  if (area === 'municipality') return indeling.municipalities.get(code) ?? indeling.mergers.get(code)?.oldName ?? null;
  return null;
}

const PERIOD_LABEL: Record<SteeringPeriod, string> = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };

/**
 * Anonymous steering figures: counts per area and period, every cell under 10 as "<10". An event that does
 * not name its area (a handover reply, a placement) takes it from the same pseudonym's other events; the
 * pseudonym stays inside this query.
 */
@Injectable()
export class SteeringFigures {
  constructor(private readonly db: DataSource) {}

  async figures(area: SteeringArea, period: SteeringPeriod, from: Date, to: Date): Promise<SteeringRow[]> {
    const types = Object.values(STEERING_FIGURES);
    const rows: { period: string; area: string; type: string; count: number }[] = await this.db.query(
      `WITH ${known(area)}
       SELECT to_char(date_trunc($1, f.event_time AT TIME ZONE 'Europe/Amsterdam'), '${PERIOD_LABEL[period]}') AS period,
              ${areaOf(area, 'f')} AS area, f.type, count(*)::int AS count
         FROM flow_event f LEFT JOIN known k ON k.subject = f.subject
        WHERE f.type = ANY($2) AND f.event_time >= $3 AND f.event_time < $4
        GROUP BY 1, 2, 3`,
      [period, types, from, to],
    );
    const medians = await this.medianHandoverHours(area, period, from, to);
    const oneYear = await this.oneYearOutcomes(area, period, from, to);
    const ends = await this.endsPerCell(area, period, from, to);
    const cells = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const key = `${row.period}\u0000${row.area}`;
      if (!cells.has(key)) cells.set(key, new Map());
      cells.get(key)!.set(row.type, row.count);
    }
    // A cell with only ends (a month in which nobody was reported, but some went back to school) is a row too.
    for (const key of ends.keys()) if (!cells.has(key)) cells.set(key, new Map());
    return [...cells.entries()]
      .map(([key, counts]) => {
        const [rowPeriod, rowArea] = key.split('\u0000') as [string, string];
        const ended = ends.get(key) ?? countByReason([]);
        const figures = Object.fromEntries([
          ...Object.entries(STEERING_FIGURES).map(([figure, type]) => [figure, suppressSmall(counts.get(type) ?? 0)]),
          ...Object.entries(END_FIGURES).map(([figure, reason]) => [figure, suppressSmall(ended[reason])]),
        ]) as Record<SteeringFigure, SuppressedCount>;
        const median = medians.get(key);
        const checks = oneYear.get(key);
        return {
          period: rowPeriod,
          area: rowArea,
          areaName: areaName(area, rowArea),
          figures,
          medianHandoverHours: suppressedMedian(median?.samples ?? 0, median?.hours ?? null),
          stillPlacedAfterOneYearPercent: suppressedShare(checks?.samples ?? 0, checks?.positives ?? 0),
        };
      })
      .sort((a, b) => a.period.localeCompare(b.period) || a.area.localeCompare(b.area));
  }

  /**
   * Ends of responsibility per cell and reason, by the shared baton reducer over each young person's baton facts, so an
   * end is counted once however many events tell of it. The period is the end's own date (Amsterdam), the window holds
   * its Amsterdam midnight. The region is the RMC's that ended it, else the young person's area like the other figures.
   */
  private async endsPerCell(
    area: SteeringArea,
    period: SteeringPeriod,
    from: Date,
    to: Date,
  ): Promise<Map<string, Record<RegieEndReason, number>>> {
    const people: { area: string; events: BatonEvent[] }[] = await this.db.query(
      `WITH ${known(area)}
       SELECT coalesce(k.area, k.fallback, 'onbekend') AS area,
              json_agg(json_build_object('id', f.event_id, 'type', f.type, 'time', f.event_time, 'data', f.baton_facts)) AS events
         FROM flow_event f LEFT JOIN known k ON k.subject = f.subject
        WHERE f.baton_facts IS NOT NULL AND f.subject IN (SELECT subject FROM flow_event WHERE type = ANY($1))
        GROUP BY f.subject, k.area, k.fallback`,
      [ENDING_EVENT_TYPES],
    );
    const cells = new Map<string, Record<RegieEndReason, number>>();
    for (const person of people) {
      for (const end of endsOf(person.events)) {
        const midnight = startOfDay(end.on).getTime();
        if (midnight < from.getTime() || midnight >= to.getTime()) continue;
        const endArea = area === 'region' && end.by.organisationType === 'rmc' ? end.by.id.replace(/^rmc:/, '') : person.area;
        const key = `${periodOf(period, end.on)}\u0000${endArea}`;
        const counts = cells.get(key) ?? countByReason([]);
        counts[end.reason]++;
        cells.set(key, counts);
      }
    }
    return cells;
  }

  /** Offer-to-acceptance time of each handover (paired by overdracht id), per cell of the acceptance. */
  private async medianHandoverHours(
    area: SteeringArea,
    period: SteeringPeriod,
    from: Date,
    to: Date,
  ): Promise<Map<string, { samples: number; hours: number }>> {
    const rows: { period: string; area: string; samples: number; hours: number }[] = await this.db.query(
      `WITH ${known(area)},
       accepted AS (
         SELECT a.event_time AS accepted_at, ${areaOf(area, 'a')} AS area,
                (SELECT min(o.event_time) FROM flow_event o WHERE o.overdracht_id = a.overdracht_id AND o.type = $2) AS offered_at
           FROM flow_event a LEFT JOIN known k ON k.subject = a.subject
          WHERE a.type = $3 AND a.event_time >= $4 AND a.event_time < $5)
       SELECT to_char(date_trunc($1, accepted_at AT TIME ZONE 'Europe/Amsterdam'), '${PERIOD_LABEL[period]}') AS period, area,
              count(*)::int AS samples,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - offered_at) / 3600) AS hours
         FROM accepted WHERE offered_at IS NOT NULL
        GROUP BY 1, 2`,
      [period, overdrachtOffered.type, overdrachtAccepted.type, from, to],
    );
    return new Map(rows.map((r) => [`${r.period}\u0000${r.area}`, { samples: r.samples, hours: Number(r.hours) }]));
  }

  /** "Vsv een jaar later": 1-year checks that found the placement still running or completed, per cell of the check. */
  private async oneYearOutcomes(
    area: SteeringArea,
    period: SteeringPeriod,
    from: Date,
    to: Date,
  ): Promise<Map<string, { samples: number; positives: number }>> {
    const rows: { period: string; area: string; samples: number; positives: number }[] = await this.db.query(
      `WITH ${known(area)}
       SELECT to_char(date_trunc($1, f.event_time AT TIME ZONE 'Europe/Amsterdam'), '${PERIOD_LABEL[period]}') AS period,
              ${areaOf(area, 'f')} AS area, count(*)::int AS samples,
              count(*) FILTER (WHERE f.follow_up_outcome IN ('nog-geplaatst', 'afgerond'))::int AS positives
         FROM flow_event f LEFT JOIN known k ON k.subject = f.subject
        WHERE f.type = $2 AND f.follow_up_check = 'na-1-jaar' AND f.event_time >= $3 AND f.event_time < $4
        GROUP BY 1, 2`,
      [period, plaatsingFollowUpChecked.type, from, to],
    );
    return new Map(rows.map((r) => [`${r.period}\u0000${r.area}`, { samples: r.samples, positives: r.positives }]));
  }
}
