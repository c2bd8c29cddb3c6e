import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { platformIndeling, regionOn, type CloudEvent } from '@estafette/contracts';
import { deadlineFacts } from '../domain/baton-facts.js';
import { receiverType, senderType } from '../domain/route.js';
import { followUp, steeringDimensions } from '../domain/steering-dimensions.js';
import { MonitorMetrics } from '../messaging/monitor-metrics.js';

/** One event seen on the bus, with the topic (without the prefix) it came from. */
export interface SeenEvent {
  event: CloudEvent;
  topic: string;
}

/** Rows per statement: a fetched batch can hold thousands of records. */
const ROWS_PER_STATEMENT = 500;

// Seen before: counted once. Only its baton facts are refreshed, so reading the retained history again after the
// reducer reads more fields (reset the group estafette-monitor) brings older events up to date.
const UPSERT = `INSERT INTO flow_event (event_id, type, topic, from_type, to_type, subject, region, municipality, school, event_time,
    consumed_at, latency_ms, overdracht_id, due_at, baton_facts, follow_up_check, follow_up_outcome, residence_region)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
    $10::timestamptz[], $11::timestamptz[], $12::float8[], $13::text[], $14::timestamptz[], $15::jsonb[], $16::text[], $17::text[], $18::text[])
  ON CONFLICT (event_id) DO UPDATE SET baton_facts = EXCLUDED.baton_facts WHERE flow_event.baton_facts IS DISTINCT FROM EXCLUDED.baton_facts
  RETURNING event_id, (xmax = 0) AS inserted`;

/**
 * Records events seen on the bus; the same event id twice (redelivery, replay) counts once, and only brings its
 * baton facts up to date.
 */
@Injectable()
export class RecordFlow {
  constructor(
    private readonly db: DataSource,
    private readonly metrics: MonitorMetrics,
  ) {}

  async record(event: CloudEvent, topic: string, consumedAt = new Date()): Promise<void> {
    await this.recordAll([{ event, topic }], consumedAt);
  }

  /**
   * A fetched batch in one statement per ROWS_PER_STATEMENT (an event id twice in it is one row). Throws the store's
   * error for the whole statement: the caller decides whether to go one by one.
   */
  async recordAll(seen: SeenEvent[], consumedAt = new Date()): Promise<void> {
    const unique = [...new Map(seen.map((s) => [s.event.id, s])).values()];
    for (let start = 0; start < unique.length; start += ROWS_PER_STATEMENT) {
      const rows = unique.slice(start, start + ROWS_PER_STATEMENT).map((s) => rowOf(s, consumedAt));
      const written: { event_id: string; inserted: boolean }[] = await this.db.query(
        UPSERT,
        Array.from({ length: rows[0]!.values.length }, (_, column) => rows.map((r) => r.values[column])),
      );
      const byId = new Map(rows.map((r) => [r.eventId, r]));
      for (const w of written) {
        const row = byId.get(w.event_id);
        if (w.inserted && row) this.metrics.recordSeen(row.type, row.from, row.to, row.latencyMs);
      }
    }
  }
}

function rowOf({ event, topic }: SeenEvent, consumedAt: Date) {
  const dims = steeringDimensions(event, (municipality, date) => regionOn(platformIndeling(), municipality, date)?.code);
  const facts = deadlineFacts(event);
  const check = followUp(event);
  const eventTime = new Date(event.time);
  const [from, to, latencyMs] = [senderType(event), receiverType(event), Math.max(0, consumedAt.getTime() - eventTime.getTime())];
  return {
    eventId: event.id,
    type: event.type,
    from,
    to,
    latencyMs,
    values: [
      event.id,
      event.type,
      topic,
      from,
      to,
      event.subject,
      dims.region,
      dims.municipality,
      dims.school,
      eventTime,
      consumedAt,
      latencyMs,
      facts.overdrachtId,
      facts.dueAt,
      facts.batonFacts === null ? null : JSON.stringify(facts.batonFacts),
      check.check,
      check.outcome,
      dims.residenceRegion,
    ] as unknown[],
  };
}
