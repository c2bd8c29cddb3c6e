import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { platformIndeling, regionOn, type CloudEvent } from '@estafette/contracts';
import { deadlineFacts } from '../domain/baton-facts.js';
import { receiverType, senderType } from '../domain/route.js';
import { followUp, steeringDimensions } from '../domain/steering-dimensions.js';
import { MonitorMetrics } from '../messaging/monitor-metrics.js';

/**
 * Records one event seen on the bus; the same event id twice (redelivery, replay) counts once, and only brings its
 * baton facts up to date.
 */
@Injectable()
export class RecordFlow {
  constructor(
    private readonly db: DataSource,
    private readonly metrics: MonitorMetrics,
  ) {}

  async record(event: CloudEvent, topic: string, consumedAt = new Date()): Promise<void> {
    const dims = steeringDimensions(event, (municipality, date) => regionOn(platformIndeling(), municipality, date)?.code);
    const facts = deadlineFacts(event);
    const check = followUp(event);
    const eventTime = new Date(event.time);
    const [from, to, latencyMs] = [senderType(event), receiverType(event), Math.max(0, consumedAt.getTime() - eventTime.getTime())];
    // Seen before: counted once. Only its baton facts are refreshed, so reading the retained history again after the
    // reducer reads more fields (reset the group estafette-monitor) brings older events up to date.
    const written: { inserted: boolean }[] = await this.db.query(
      `INSERT INTO flow_event (event_id, type, topic, from_type, to_type, subject, region, municipality, school, event_time, consumed_at, latency_ms,
         overdracht_id, due_at, baton_facts, follow_up_check, follow_up_outcome, residence_region)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (event_id) DO UPDATE SET baton_facts = EXCLUDED.baton_facts WHERE flow_event.baton_facts IS DISTINCT FROM EXCLUDED.baton_facts
       RETURNING (xmax = 0) AS inserted`,
      [
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
      ],
    );
    if (written[0]?.inserted) this.metrics.recordSeen(event.type, from, to, latencyMs);
  }
}
