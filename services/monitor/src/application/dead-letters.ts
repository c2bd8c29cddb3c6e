import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { topics } from '@estafette/contracts';
import { headersAsStrings, topicName } from '@estafette/messaging';
import { SERVICE_CONFIG, type ServiceConfig } from '@estafette/service-kit';
import { redactHeaders, redactText } from '../domain/redact.js';
import { BusClient } from '../messaging/bus-client.js';

/** What ops see of a dead letter: where, when, why; never the key or the payload (they name the person). */
export interface DeadLetterSummary {
  id: string;
  originalTopic: string;
  consumerGroup: string | null;
  eventType: string | null;
  eventId: string | null;
  reason: string;
  failedAt: string | null;
  receivedAt: string;
  replays: number;
  lastReplayedAt: string | null;
}

export interface DeadLetterDetail extends DeadLetterSummary {
  deadLetterTopic: string;
  deadLetterPartition: number;
  deadLetterOffset: string;
  originalPartition: number | null;
  originalOffset: string | null;
  headers: Record<string, string>;
  replayLog: { replayedBy: string; replayedAt: string; targetTopic: string }[];
}

interface Row {
  id: string;
  dlq_topic: string;
  dlq_partition: number;
  dlq_offset: string;
  original_topic: string;
  original_partition: number | null;
  original_offset: string | null;
  consumer_group: string | null;
  reason: string;
  failed_at: Date | null;
  event_id: string | null;
  event_type: string | null;
  headers: Record<string, string>;
  record_key: Buffer | null;
  record_value: Buffer | null;
  received_at: Date;
  replays: number;
  last_replayed_at: Date | null;
}

const SELECT = `SELECT d.*, count(r.id)::int AS replays, max(r.replayed_at) AS last_replayed_at
  FROM dead_letter d LEFT JOIN dead_letter_replay r ON r.dead_letter_id = d.id`;

@Injectable()
export class DeadLetters {
  constructor(
    private readonly db: DataSource,
    private readonly bus: BusClient,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** Stores a record read from a dead-letter topic; reading it again (redelivery) changes nothing. */
  async record(dlqTopic: string, partition: number, message: KafkaMessage): Promise<void> {
    const headers = headersAsStrings(message.headers);
    await this.db.query(
      `INSERT INTO dead_letter (dlq_topic, dlq_partition, dlq_offset, original_topic, original_partition, original_offset,
         consumer_group, reason, failed_at, event_id, event_type, headers, record_key, record_value)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (dlq_topic, dlq_partition, dlq_offset) DO NOTHING`,
      [
        dlqTopic,
        partition,
        message.offset,
        headers.dlq_original_topic ?? dlqTopic.replace(/\.dlq$/, ''),
        // Headers come from any producer: what is not a number or a timestamp is kept in `headers` only, never stored typed.
        /^[0-9]{1,9}$/.test(headers.dlq_original_partition ?? '') ? Number(headers.dlq_original_partition) : null,
        /^[0-9]{1,19}$/.test(headers.dlq_original_offset ?? '') ? headers.dlq_original_offset : null,
        headers.dlq_consumer_group ?? null,
        headers.dlq_reason ?? 'unknown',
        headers.dlq_failed_at && !Number.isNaN(Date.parse(headers.dlq_failed_at)) ? headers.dlq_failed_at : null,
        headers.ce_id ?? null,
        headers.ce_type ?? null,
        headers,
        message.key,
        message.value,
      ],
    );
  }

  async list(
    page: number,
    pageSize: number,
    originalTopic?: string,
  ): Promise<{ items: DeadLetterSummary[]; total: number; page: number; pageSize: number }> {
    const topic = originalTopic ? this.prefixed(originalTopic) : null;
    const rows: Row[] = await this.db.query(
      `${SELECT} WHERE ($1::text IS NULL OR d.original_topic = $1) GROUP BY d.id ORDER BY d.received_at DESC, d.id LIMIT $2 OFFSET $3`,
      [topic, pageSize, (page - 1) * pageSize],
    );
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM dead_letter WHERE ($1::text IS NULL OR original_topic = $1)`,
      [topic],
    );
    return { items: rows.map((row) => this.summary(row)), total, page, pageSize };
  }

  async inspect(id: string): Promise<DeadLetterDetail> {
    const row = await this.find(id);
    const log: { replayed_by: string; replayed_at: Date; target_topic: string }[] = await this.db.query(
      'SELECT replayed_by, replayed_at, target_topic FROM dead_letter_replay WHERE dead_letter_id = $1 ORDER BY id',
      [id],
    );
    return {
      ...this.summary(row),
      deadLetterTopic: this.unprefixed(row.dlq_topic),
      deadLetterPartition: row.dlq_partition,
      deadLetterOffset: row.dlq_offset,
      originalPartition: row.original_partition,
      originalOffset: row.original_offset,
      headers: redactHeaders(row.headers),
      replayLog: log.map((l) => ({
        replayedBy: l.replayed_by,
        replayedAt: l.replayed_at.toISOString(),
        targetTopic: this.unprefixed(l.target_topic),
      })),
    };
  }

  /**
   * Sends the original record (key, value, ce_ headers) back to its original topic. Every consumer of that
   * topic sees it again; their inboxes make it a no-op for those that had processed it already.
   */
  async replay(id: string, replayedBy: string): Promise<{ id: string; targetTopic: string }> {
    const row = await this.find(id);
    // The target comes from a header on the bus: send only to one of the platform's own topics.
    if (!topics.some((t) => topicName(this.config.topicPrefix, t.name) === row.original_topic)) {
      throw new ConflictException(`dead letter ${id} names no known original topic`);
    }
    await this.bus.send(row.original_topic, { key: row.record_key, value: row.record_value, headers: originalHeaders(row.headers) });
    await this.db.query('INSERT INTO dead_letter_replay (dead_letter_id, target_topic, replayed_by) VALUES ($1, $2, $3)', [
      id,
      row.original_topic,
      replayedBy,
    ]);
    return { id, targetTopic: this.unprefixed(row.original_topic) };
  }

  /** After a fix: replays every dead letter not replayed yet (optionally of one topic), oldest first. */
  async replayAll(replayedBy: string, originalTopic?: string): Promise<{ replayed: number }> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT d.id FROM dead_letter d WHERE ($1::text IS NULL OR d.original_topic = $1)
         AND NOT EXISTS (SELECT 1 FROM dead_letter_replay r WHERE r.dead_letter_id = d.id) ORDER BY d.received_at, d.id`,
      [originalTopic ? this.prefixed(originalTopic) : null],
    );
    for (const row of rows) await this.replay(row.id, replayedBy);
    return { replayed: rows.length };
  }

  async countsByTopic(): Promise<{ topic: string; replayed: boolean; count: number }[]> {
    const rows: { topic: string; replayed: boolean; count: number }[] = await this.db.query(
      `SELECT original_topic AS topic, EXISTS (SELECT 1 FROM dead_letter_replay r WHERE r.dead_letter_id = d.id) AS replayed, count(*)::int AS count
         FROM dead_letter d GROUP BY 1, 2`,
    );
    return rows.map((row) => ({ ...row, topic: this.unprefixed(row.topic) }));
  }

  private async find(id: string): Promise<Row> {
    const [row]: Row[] = await this.db.query(`${SELECT} WHERE d.id = $1 GROUP BY d.id`, [id]);
    if (!row) throw new NotFoundException(`no dead letter ${id}`);
    return row;
  }

  private summary(row: Row): DeadLetterSummary {
    return {
      id: row.id,
      originalTopic: this.unprefixed(row.original_topic),
      consumerGroup: row.consumer_group === null ? null : this.unprefixed(row.consumer_group),
      eventType: row.event_type,
      eventId: row.event_id,
      reason: redactText(row.reason),
      failedAt: row.failed_at?.toISOString() ?? null,
      receivedAt: row.received_at.toISOString(),
      replays: row.replays,
      lastReplayedAt: row.last_replayed_at?.toISOString() ?? null,
    };
  }

  private prefixed(topic: string): string {
    return `${this.config.topicPrefix}${topic}`;
  }

  private unprefixed(name: string): string {
    return name.startsWith(this.config.topicPrefix) ? name.slice(this.config.topicPrefix.length) : name;
  }
}

/** The headers the producer sent: the dlq_ bookkeeping would only confuse the consumer's view of the record. */
function originalHeaders(headers: Record<string, string>): IHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('dlq_')));
}
