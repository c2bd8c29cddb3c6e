import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { overdrachtAccepted, overdrachtOffered, plaatsingFollowUpChecked } from '@estafette/contracts';
import { suppressedMedian, suppressedShare, suppressSmall, type SuppressedCount } from '../domain/small-cells.js';
import { STEERING_FIGURES, type SteeringArea, type SteeringFigure, type SteeringPeriod } from '../domain/steering-figures.js';

export interface SteeringRow {
  period: string;
  area: string;
  figures: Record<SteeringFigure, SuppressedCount>;
  /** Hours from offer to acceptance, median over the handovers accepted in the cell; null when none. */
  medianHandoverHours: number | '<10' | null;
  /** Percent of the 1-year follow-up checks in the cell that found the young person still placed or done. */
  stillPlacedAfterOneYearPercent: number | '<10' | null;
}

// Interpolated column names come only from this whitelist, never from the request.
const AREA_COLUMN: Record<SteeringArea, string> = { region: 'region', municipality: 'municipality', school: 'school' };
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
    const column = AREA_COLUMN[area];
    const types = Object.values(STEERING_FIGURES);
    const rows: { period: string; area: string; type: string; count: number }[] = await this.db.query(
      `WITH known AS (
         SELECT subject, (array_agg(${column} ORDER BY event_time DESC))[1] AS area
           FROM flow_event WHERE ${column} IS NOT NULL GROUP BY subject)
       SELECT to_char(date_trunc($1, f.event_time AT TIME ZONE 'Europe/Amsterdam'), '${PERIOD_LABEL[period]}') AS period,
              coalesce(f.${column}, k.area, 'onbekend') AS area, f.type, count(*)::int AS count
         FROM flow_event f LEFT JOIN known k ON k.subject = f.subject
        WHERE f.type = ANY($2) AND f.event_time >= $3 AND f.event_time < $4
        GROUP BY 1, 2, 3`,
      [period, types, from, to],
    );
    const medians = await this.medianHandoverHours(column, period, from, to);
    const oneYear = await this.oneYearOutcomes(column, period, from, to);
    const cells = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const key = `${row.period}\u0000${row.area}`;
      if (!cells.has(key)) cells.set(key, new Map());
      cells.get(key)!.set(row.type, row.count);
    }
    return [...cells.entries()]
      .map(([key, counts]) => {
        const [rowPeriod, rowArea] = key.split('\u0000') as [string, string];
        const figures = Object.fromEntries(
          Object.entries(STEERING_FIGURES).map(([figure, type]) => [figure, suppressSmall(counts.get(type) ?? 0)]),
        ) as Record<SteeringFigure, SuppressedCount>;
        const median = medians.get(key);
        const checks = oneYear.get(key);
        return {
          period: rowPeriod,
          area: rowArea,
          figures,
          medianHandoverHours: suppressedMedian(median?.samples ?? 0, median?.hours ?? null),
          stillPlacedAfterOneYearPercent: suppressedShare(checks?.samples ?? 0, checks?.positives ?? 0),
        };
      })
      .sort((a, b) => a.period.localeCompare(b.period) || a.area.localeCompare(b.area));
  }

  /** Offer-to-acceptance time of each handover (paired by overdracht id), per cell of the acceptance. */
  private async medianHandoverHours(
    column: string,
    period: SteeringPeriod,
    from: Date,
    to: Date,
  ): Promise<Map<string, { samples: number; hours: number }>> {
    const rows: { period: string; area: string; samples: number; hours: number }[] = await this.db.query(
      `WITH known AS (
         SELECT subject, (array_agg(${column} ORDER BY event_time DESC))[1] AS area
           FROM flow_event WHERE ${column} IS NOT NULL GROUP BY subject),
       accepted AS (
         SELECT a.event_time AS accepted_at, coalesce(a.${column}, k.area, 'onbekend') AS area,
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
    column: string,
    period: SteeringPeriod,
    from: Date,
    to: Date,
  ): Promise<Map<string, { samples: number; positives: number }>> {
    const rows: { period: string; area: string; samples: number; positives: number }[] = await this.db.query(
      `WITH known AS (
         SELECT subject, (array_agg(${column} ORDER BY event_time DESC))[1] AS area
           FROM flow_event WHERE ${column} IS NOT NULL GROUP BY subject)
       SELECT to_char(date_trunc($1, f.event_time AT TIME ZONE 'Europe/Amsterdam'), '${PERIOD_LABEL[period]}') AS period,
              coalesce(f.${column}, k.area, 'onbekend') AS area, count(*)::int AS samples,
              count(*) FILTER (WHERE f.follow_up_outcome IN ('nog-geplaatst', 'afgerond'))::int AS positives
         FROM flow_event f LEFT JOIN known k ON k.subject = f.subject
        WHERE f.type = $2 AND f.follow_up_check = 'na-1-jaar' AND f.event_time >= $3 AND f.event_time < $4
        GROUP BY 1, 2`,
      [period, plaatsingFollowUpChecked.type, from, to],
    );
    return new Map(rows.map((r) => [`${r.period}\u0000${r.area}`, { samples: r.samples, positives: r.positives }]));
  }
}
