import { describe, expect, test } from '@jest/globals';
import { eventDefinitions, topicFor } from './event-definitions.js';
import { DEAD_LETTER_RETENTION_MS, deadLetterTopics, TOPIC_RETENTION_MS, topics } from './topics.js';

describe('topics', () => {
  test('every event type maps to exactly one defined topic', () => {
    for (const definition of eventDefinitions) {
      expect(topics.filter((topic) => topic.name === definition.topic)).toHaveLength(1);
      expect(topicFor(definition.type).name).toBe(definition.topic);
    }
  });

  test('every topic carries at least one event type', () => {
    for (const topic of topics) expect(eventDefinitions.some((d) => d.topic === topic.name)).toBe(true);
  });

  test('topics are partitioned for ordering per person and keep events long enough to replay', () => {
    for (const topic of topics) {
      expect(topic.name).toMatch(/^estafette\.[a-z-]+$/);
      expect(topic.partitions).toBe(6);
      expect(topic.retentionMs).toBe(TOPIC_RETENTION_MS);
      expect(topic.deadLetterTopic).toBe(`${topic.name}.dlq`);
    }
    expect(deadLetterTopics.map((d) => d.name)).toEqual(topics.map((t) => t.deadLetterTopic));
    for (const deadLetter of deadLetterTopics) expect(deadLetter.retentionMs).toBe(DEAD_LETTER_RETENTION_MS);
  });

  test('topicFor an unknown type throws', () => {
    expect(() => topicFor('nl.estafette.onbekend.v1')).toThrow('Unknown event type "nl.estafette.onbekend.v1"');
  });
});
