import { createHash } from 'node:crypto';
import type { KafkaMessage, Message } from 'kafkajs';

export interface DeadLetterContext {
  reason: string;
  originalTopic: string;
  partition: number;
  consumerGroup: string;
  failedAt?: Date;
}

/** Reasons can carry stack-sized messages; headers should stay small. */
const MAX_REASON_LENGTH = 2_000;

/**
 * The original record, byte for byte (key, value, ce_ headers), plus why and where it failed,
 * so ops can read the reason and replay it to the original topic unchanged.
 */
export function deadLetterMessage(message: KafkaMessage, context: DeadLetterContext): Message {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      dlq_reason: context.reason.slice(0, MAX_REASON_LENGTH),
      dlq_original_topic: context.originalTopic,
      dlq_original_partition: String(context.partition),
      dlq_original_offset: message.offset,
      dlq_consumer_group: context.consumerGroup,
      dlq_failed_at: (context.failedAt ?? new Date()).toISOString(),
    },
  };
}

/**
 * For a record too large to copy with the dead-letter headers (it was just under the broker's limit): the same headers
 * and key without the value, plus its size and SHA-256, so dead-lettering never fails on size and the partition flows on.
 * The original stays readable on its own topic at the offset named, for as long as the topic retains it.
 */
export function deadLetterReference(message: KafkaMessage, context: DeadLetterContext): Message {
  const copy = deadLetterMessage(message, context);
  const value = message.value ?? Buffer.alloc(0);
  return {
    ...copy,
    value: null,
    headers: {
      ...copy.headers,
      dlq_value_omitted: `${value.length} bytes: too large to copy; read it at ${context.originalTopic}[${context.partition}]@${message.offset}`,
      dlq_value_sha256: createHash('sha256').update(value).digest('hex'),
    },
  };
}

/** The broker refused the copy for its size (kafkajs: MESSAGE_TOO_LARGE or RECORD_LIST_TOO_LARGE). */
export function tooLarge(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE' || /too large/i.test(String((error as Error)?.message ?? ''));
}
