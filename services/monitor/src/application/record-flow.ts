import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { platformIndeling, regionOn, type CloudEvent } from '@estafette/contracts';
import { deadlineFacts } from '../domain/baton-facts.js';
import { receiverType, senderType } from '../domain/route.js';
import { followUp, steeringDimensions } from '../domain/steering-dimensions.js';
import { MonitorMetrics } from '../messaging/monitor-metrics.js';

/** Records one event seen on the bus; the same event id twice (redelivery, replay) counts once. */
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
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO flow_event (event_id, type, topic, from_type, to_type, subject, region, municipality, school, event_time, consumed_at, latency_ms,
         overdracht_id, due_at, baton_facts, follow_up_check, follow_up_outcome, residence_region)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
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
    if (inserted.length > 0) this.metrics.recordSeen(event.type, from, to, latencyMs);
  }
}
