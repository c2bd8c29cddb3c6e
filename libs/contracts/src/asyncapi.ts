import type { EventDefinition } from './cloud-event.js';
import { envelopeAttributes } from './envelope.js';
import { eventDefinitions } from './event-definitions.js';
import { pseudonymousReference } from './fields.js';
import { deadLetterTopics, topics } from './topics.js';
import { toYaml } from './yaml.js';

export const ASYNCAPI_REGENERATE_COMMAND = 'npm run asyncapi -w @estafette/contracts';

const DRAFT_07 = 'application/schema+json;version=draft-07';
const KAFKA_BINDING_VERSION = '0.5.0';

function channelId(topicName: string): string {
  return topicName.replace(/^estafette\./, '').replace(/\./g, '-');
}

/** Binary content mode: context attributes travel as `ce_` headers, datacontenttype as content-type. */
function headersFor(definition: EventDefinition): object {
  const dataschemaUri = (definition.schema as { $id: string }).$id;
  const properties: Record<string, object> = {};
  for (const [name, schema] of Object.entries(envelopeAttributes)) {
    if (name === 'datacontenttype') properties['content-type'] = schema;
    else if (name === 'type') properties.ce_type = { type: 'string', const: definition.type };
    else if (name === 'dataschema') properties.ce_dataschema = { ...schema, const: dataschemaUri };
    else properties[`ce_${name}`] = schema;
  }
  return {
    type: 'object',
    required: ['content-type', 'ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'ce_subject', 'ce_dataschema'],
    properties,
  };
}

function exampleHeaders(definition: EventDefinition): Record<string, string> {
  const { data: _data, datacontenttype, ...attributes } = definition.example;
  const headers: Record<string, string> = { 'content-type': datacontenttype };
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) headers[`ce_${name}`] = String(value);
  return headers;
}

function message(definition: EventDefinition): object {
  const { $schema: _dialect, ...schema } = definition.schema as Record<string, unknown>;
  return {
    name: definition.type,
    title: definition.type,
    summary: definition.description,
    contentType: 'application/json',
    headers: headersFor(definition),
    payload: { schemaFormat: DRAFT_07, schema },
    bindings: { kafka: { key: pseudonymousReference, bindingVersion: KAFKA_BINDING_VERSION } },
    examples: [{ name: 'example', headers: exampleHeaders(definition), payload: definition.example.data }],
  };
}

function messageRefs(definitions: EventDefinition[]): Record<string, object> {
  return Object.fromEntries(definitions.map((d) => [d.type, { $ref: `#/components/messages/${d.type}` }]));
}

export function asyncApiDocument(): object {
  const channels: Record<string, object> = {};
  const operations: Record<string, object> = {};
  for (const topic of topics) {
    const id = channelId(topic.name);
    const definitions = eventDefinitions.filter((d) => d.topic === topic.name);
    const deadLetter = deadLetterTopics.find((d) => d.sourceTopic === topic.name)!;
    const kafkaBinding = (name: string, partitions: number, retentionMs: number) => ({
      kafka: {
        topic: name,
        partitions,
        topicConfiguration: { 'retention.ms': retentionMs, 'cleanup.policy': ['delete'] },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    });
    channels[id] = {
      address: topic.name,
      title: topic.name,
      description: `Events of ${id}, keyed by the young person's pseudonymous reference.`,
      messages: messageRefs(definitions),
      bindings: kafkaBinding(topic.name, topic.partitions, topic.retentionMs),
    };
    channels[`${id}-dlq`] = {
      address: deadLetter.name,
      title: deadLetter.name,
      description: `Dead letters of ${topic.name}: the original record plus the failure reason, for replay by ops.`,
      messages: messageRefs(definitions),
      bindings: kafkaBinding(deadLetter.name, deadLetter.partitions, deadLetter.retentionMs),
    };
    operations[`publish-${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      messages: definitions.map((d) => ({ $ref: `#/channels/${id}/messages/${d.type}` })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Estafette events',
      version: '1.0.0',
      description:
        `Generated from @estafette/contracts; do not edit, run \`${ASYNCAPI_REGENERATE_COMMAND}\`. ` +
        'CloudEvents (NL GOV profile) in Kafka binary content mode. Events carry signals only, never personal content: ' +
        'the receiver fetches content from dataref at the owning organisation, which checks consent.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages: Object.fromEntries(eventDefinitions.map((d) => [d.type, message(d)])) },
  };
}

export function renderAsyncApi(): string {
  return toYaml(asyncApiDocument());
}
