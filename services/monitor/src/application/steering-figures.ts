import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { overdrachtAccepted, overdrachtOffered } from '@estafette/contracts';
import { suppressedMedian, suppressSmall, type SuppressedCount } from '../domain/small-cells.js';
import { STEERING_FIGURES, type SteeringArea, type SteeringFigure, type SteeringPeriod } from '../domain/steering-figures.js';

export interface SteeringRow {
  period: string;
  area: string;
  figures: Record<SteeringFigure, SuppressedCount>;
  /** Hours from offer to acceptance, median over the handovers accepted in the cell; null when none. */
  medianHandoverHours: number | '<10' | null;
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
        return { period: rowPeriod, area: rowArea, figures, medianHandoverHours: suppressedMedian(median?.samples ?? 0, median?.hours ?? null) };
      })
      .sort((a, b) => a.period.localeCompare(b.period) || a.area.localeCompare(b.area));
  }

  /**
   * Offer-to-acceptance time per cell of the acceptance. The RMC keeps one open offer per task, so an
   * acceptance belongs to the same person's latest offer before it.
   */
  private async medianHandoverHours(column: string, period: SteeringPeriod, from: Date, to: Date): Promise<Map<string, { samples: number; hours: number }>> {
    const rows: { period: string; area: string; samples: number; hours: number }[] = await this.db.query(
      `WITH known AS (
         SELECT subject, (array_agg(${column} ORDER BY event_time DESC))[1] AS area
           FROM flow_event WHERE ${column} IS NOT NULL GROUP BY subject),
       accepted AS (
         SELECT a.event_time AS accepted_at, coalesce(a.${column}, k.area, 'onbekend') AS area,
                (SELECT max(o.event_time) FROM flow_event o
                  WHERE o.subject = a.subject AND o.type = $2 AND o.event_time <= a.event_time) AS offered_at
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
}
