import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface FlowFigure {
  type: string;
  from: string;
  to: string;
  count: number;
  /** End-to-end: the event's own time to the moment the monitor consumed it. */
  latencyMs: { p50: number; p95: number; max: number };
}

/** Counts of events per type and route (organisation kinds, never organisations or people) in a time window. */
@Injectable()
export class FlowFigures {
  constructor(private readonly db: DataSource) {}

  async figures(from: Date, to: Date): Promise<FlowFigure[]> {
    const rows: { type: string; from_type: string; to_type: string; count: number; p50: number; p95: number; max: number }[] =
      await this.db.query(
        `SELECT type, from_type, to_type, count(*)::int AS count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
              max(latency_ms) AS max
         FROM flow_event WHERE event_time >= $1 AND event_time < $2
        GROUP BY type, from_type, to_type ORDER BY type, from_type, to_type`,
        [from, to],
      );
    return rows.map((r) => ({
      type: r.type,
      from: r.from_type,
      to: r.to_type,
      count: r.count,
      latencyMs: { p50: Math.round(r.p50), p95: Math.round(r.p95), max: Math.round(r.max) },
    }));
  }
}
