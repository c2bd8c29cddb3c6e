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
