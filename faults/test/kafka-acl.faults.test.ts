// The broker locks the bus per service (issue 17): SASL/SCRAM principals and the ACLs of the BUS_ACCESS table, on a
// real local broker of this suite. Each refusal is checked next to an allowed action of the same principal, so a
// broken login cannot pass for a refusal.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import {
  createEvent,
  kafkaPrincipalOf,
  overdrachtAccepted,
  uitschrijvingRegistered,
  type CloudEvent,
  type EventDefinition,
} from '@estafette/contracts';
import { createKafka, EventPublisher, topicName } from '@estafette/messaging';
import { kafkaPrincipals, provisionBus, randomPlatformSecrets, startKafka, type KafkaBroker, type KafkaPrincipals } from '@estafette/infra';

const prefix = `acl${randomUUID().slice(0, 8)}.`;
let workDir: string;
let broker: KafkaBroker;
let principals: KafkaPrincipals;
const consumers: Consumer[] = [];

const as = (service: string, password?: string) => {
  const username = kafkaPrincipalOf(service);
  const user = principals.users.find((u) => u.username === username)!;
  return createKafka({
    brokers: broker.brokers,
    clientId: `acl-${service}`,
    sasl: { username, password: password ?? user.password },
    logLevel: logLevel.NOTHING,
  });
};
const ops = () => createKafka({ brokers: broker.brokers, clientId: 'acl-ops', sasl: principals.ops, logLevel: logLevel.NOTHING });

/** The contract's example event, with a fresh id. */
function sample(definition: EventDefinition): CloudEvent {
  const { source, subject, dataref, data } = definition.example;
  return createEvent(definition as EventDefinition<unknown>, { source, subject, ...(dataref ? { dataref } : {}), data });
}

// Fresh partitions may briefly answer "not the leader" (NOT_LEADER_OR_FOLLOWER writes nothing): try until served.
async function untilAccepted<T>(send: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (!/not the leader/i.test((error as Error).message) || Date.now() > deadline) throw error;
    }
  }
}

async function recordsOn(topic: string): Promise<number> {
  const admin = ops().admin();
  await admin.connect();
  try {
    return (await untilAccepted(() => admin.fetchTopicOffsets(topicName(prefix, topic)))).reduce(
      (sum, p) => sum + Number(p.high) - Number(p.low),
      0,
    );
  } finally {
    await admin.disconnect();
  }
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'estafette-faults-acl-'));
  principals = kafkaPrincipals(randomPlatformSecrets({}));
  broker = await startKafka({ dataDir: workDir, admin: principals.admin, users: principals.users, log: () => {} });
  await provisionBus(broker.brokers, principals, { prefix, log: () => {} });
}, 180_000);

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect().catch(() => {})));
  await broker?.stop();
  rmSync(workDir, { recursive: true, force: true });
}, 60_000);

describe('the broker refuses', () => {
  test("W&I's credentials publishing the school's uitschrijving.registered: topic authorization error, nothing arrives", async () => {
    const wi = new EventPublisher(as('werk-inkomen'), prefix);
    try {
      // Allowed: an answer to an offer is W&I's own type, on a topic it may write.
      await untilAccepted(() => wi.publish(sample(overdrachtAccepted as EventDefinition)));
      await expect(wi.publish(sample(uitschrijvingRegistered as EventDefinition))).rejects.toThrow(/authoriz/i);
    } finally {
      await wi.disconnect();
    }
    expect(await recordsOn(overdrachtAccepted.topic)).toBe(1);
    expect(await recordsOn(uitschrijvingRegistered.topic)).toBe(0);
  });

  test('W&I reading a topic it does not consume (uitschrijving): refused, while its own topic (overdracht) can be read', async () => {
    const readAs = async (topic: string) => {
      const consumer = as('werk-inkomen').consumer({ groupId: `${prefix}${kafkaPrincipalOf('werk-inkomen')}-acl-${randomUUID()}` });
      consumers.push(consumer);
      const outcome = new Promise<string>((resolve) => {
        consumer.on(consumer.events.CRASH, (e) => resolve(`crash: ${e.payload.error.message}`));
        consumer.on(consumer.events.GROUP_JOIN, () => resolve('joined'));
      });
      try {
        await consumer.connect();
        await consumer.subscribe({ topic: topicName(prefix, topic), fromBeginning: true });
        await consumer.run({ eachMessage: async () => {} });
      } catch (error) {
        return `refused: ${(error as Error).message}`;
      }
      return outcome;
    };
    // A fresh broker may crash a first join on a passing condition (coordinator not there yet): join again then.
    const settled = async (topic: string) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const outcome = await readAs(topic);
        if (outcome === 'joined' || /authoriz/i.test(outcome) || Date.now() > deadline) return outcome;
      }
    };
    expect(await settled(overdrachtAccepted.topic)).toBe('joined');
    expect(await settled(uitschrijvingRegistered.topic)).toMatch(/authoriz/i);
  });

  test('an anonymous client (no SASL)', async () => {
    const admin = new Kafka({
      brokers: broker.brokers,
      clientId: 'acl-anonymous',
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow();
    await admin.disconnect().catch(() => {});
  });

  test('a wrong password', async () => {
    const admin = as('werk-inkomen', 'not-the-password-of-werk-inkomen-at-all').admin();
    await expect(admin.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
    await admin.disconnect().catch(() => {});
  });
});
