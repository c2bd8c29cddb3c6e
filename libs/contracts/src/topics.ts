export interface TopicDefinition {
  name: string;
  partitions: number;
  retentionMs: number;
  deadLetterTopic: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Records are keyed by pseudonymous reference, so one person's events stay in order on one partition. */
export const TOPIC_PARTITIONS = 6;
/** Long enough to replay a consumer after a two-week outage or a bad deploy. */
export const TOPIC_RETENTION_MS = 14 * DAY_MS;
/** Ops need time to look at, fix and replay poison events. */
export const DEAD_LETTER_RETENTION_MS = 30 * DAY_MS;

const topicNames = [
  'estafette.uitschrijving',
  'estafette.inschrijving',
  'estafette.vsv-melding',
  'estafette.overdracht',
  'estafette.plaatsing',
  'estafette.uitval-na-plaatsing',
  'estafette.toestemming',
  'estafette.regie',
  'estafette.audit',
] as const;

export type TopicName = (typeof topicNames)[number];

export const topics: readonly TopicDefinition[] = topicNames.map((name) => ({
  name,
  partitions: TOPIC_PARTITIONS,
  retentionMs: TOPIC_RETENTION_MS,
  deadLetterTopic: `${name}.dlq`,
}));

export interface DeadLetterTopicDefinition {
  name: string;
  partitions: number;
  retentionMs: number;
  /** The topic whose failed events land here. */
  sourceTopic: string;
}

export const deadLetterTopics: readonly DeadLetterTopicDefinition[] = topics.map((topic) => ({
  name: topic.deadLetterTopic,
  partitions: TOPIC_PARTITIONS,
  retentionMs: DEAD_LETTER_RETENTION_MS,
  sourceTopic: topic.name,
}));
