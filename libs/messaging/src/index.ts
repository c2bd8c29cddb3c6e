export { createKafka, type CreateKafkaOptions, type KafkaCredentials } from './kafka.js';
export { topicName } from './topic-name.js';
export { paceGroupForThroughput, THROUGHPUT_FETCH_PACING, type BusyFetchPacing } from './kafkajs-fetch-pacing.js';
export { consoleLog, silentLog, type MessagingLog } from './log.js';
export { currentEventContext, withEventContext, type EventLogContext } from './event-context.js';
export {
  toKafkaMessage,
  fromKafkaMessage,
  headersAsStrings,
  MalformedMessageError,
  type EncodedKafkaMessage,
  type RawKafkaMessage,
} from './kafka-codec.js';
export { ConnectionOnce } from './connection-once.js';
export { EventPublisher } from './event-publisher.js';
export { Outbox, type StageOptions } from './outbox/outbox.js';
export { OutboxHold, releaseHeldRows } from './outbox/outbox-hold.js';
export { OutboxRecord } from './outbox/outbox-record.entity.js';
export { OUTBOX_CHANNEL, outboxRowOf, OUTBOX_COLUMNS } from './outbox/outbox-row.js';
export {
  OutboxRelay,
  type OutboxRelayOptions,
  type OutboxBacklog,
  type OutboxRelayState,
  type RelayObserver,
} from './outbox/outbox-relay.js';
export { InboxRecord } from './inbox/inbox-record.entity.js';
export {
  messagingMigrations,
  messagingEntities,
  CreateMessagingOutbox1767225600000,
  CreateMessagingInbox1767225600001,
  HoldOutboxRows1769000000000,
} from './migrations/index.js';
export {
  EventConsumer,
  type EventConsumerOptions,
  type EventConsumerStats,
  type EventHandler,
  type EventBatchHandler,
  type ConsumerObserver,
} from './consumer/event-consumer.js';
export { backoffDelay, defaultRetryPolicy, type RetryPolicy } from './consumer/backoff.js';
export { deadLetterMessage, deadLetterReference, type DeadLetterContext } from './consumer/dead-letter.js';
export { failureOwner, sqlState, type FailureOwner } from './consumer/store-failure.js';
export { RefusedEventError } from './consumer/refused-event.js';
export { derivePseudonymousReference, type PseudonymSource } from './pseudonym.js';
export { rememberingTurns, takeYoungPersonsTurn, youngPersonsTurnKey } from './consumer/young-persons-turn.js';
export { MAX_PREPARED_STATEMENTS, preparedQuery } from './prepared-query.js';
