import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ASYNCAPI_REGENERATE_COMMAND, asyncApiDocument, renderAsyncApi } from './asyncapi.js';
import { eventDefinitions } from './event-definitions.js';
import { topics } from './topics.js';
import { asyncApiPath } from './write-asyncapi.js';

describe('docs/asyncapi.yaml', () => {
  test('is up to date with the contracts', () => {
    const checkedIn = readFileSync(asyncApiPath, 'utf8');
    if (checkedIn !== renderAsyncApi()) {
      throw new Error(`docs/asyncapi.yaml is out of date with libs/contracts. Regenerate it: ${ASYNCAPI_REGENERATE_COMMAND}`);
    }
  });

  test('describes every topic, its dead-letter topic and every message', () => {
    const document = asyncApiDocument() as {
      channels: Record<string, { address: string }>;
      components: { messages: Record<string, unknown> };
    };
    const addresses = Object.values(document.channels).map((channel) => channel.address);
    for (const topic of topics) expect(addresses).toEqual(expect.arrayContaining([topic.name, topic.deadLetterTopic]));
    expect(Object.keys(document.components.messages).sort()).toEqual(eventDefinitions.map((d) => d.type).sort());
  });

  test('the YAML reads back as the same document', async () => {
    // yaml is not a dependency of contracts; it is in the workspace through nx.
    const yaml = await import('yaml').catch(() => undefined);
    if (!yaml) return;
    expect(yaml.parse(renderAsyncApi())).toEqual(asyncApiDocument());
  });
});
