// A produce the broker stored but whose answer never came back (a broker stopping, a connection cut) leaves
// kafkajs' idempotent producer one sequence behind the broker: every later batch for that partition is refused
// as out of order, for good. The publisher must recover by itself, or an outbox stops draining.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import net from 'node:net';
import { logLevel, type ISocketFactory } from 'kafkajs';
import { topicFor, type CloudEvent } from '@estafette/contracts';
import { kafkaAccess, provisionTestTopics, uniqueTopicPrefix } from '@estafette/testing';
import { createKafka, EventPublisher, fromKafkaMessage, toKafkaMessage, topicName } from '../src/index.js';
import { eventually, subjects, TopicReader, uitschrijving } from './support.js';

const PRODUCE_API_KEY = 0;

/** Sockets that, while armed, let produce requests reach the broker but cut the connection before their answer. */
class LostProduceAnswers {
  armed = false;
  cut = 0;

  readonly socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = net.connect({ host, port }, onConnect);
    const awaited = new Set<number>();
    const write = socket.write.bind(socket) as (chunk: Buffer, ...rest: unknown[]) => boolean;
    socket.write = ((chunk: Buffer, ...rest: unknown[]) => {
      // A request: int32 size, int16 api key, int16 api version, int32 correlation id.
      if (this.armed && Buffer.isBuffer(chunk) && chunk.length >= 12 && chunk.readInt16BE(4) === PRODUCE_API_KEY) {
        awaited.add(chunk.readInt32BE(8));
      }
      return write(chunk, ...rest);
    }) as typeof socket.write;
    const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
    socket.emit = ((event: string | symbol, ...args: unknown[]) => {
      const data = args[0];
      // A response: int32 size, int32 correlation id.
      if (event === 'data' && Buffer.isBuffer(data) && data.length >= 8 && awaited.delete(data.readInt32BE(4))) {
        this.cut++;
        socket.destroy(new Error("the broker's answer to a produce was lost (test fault)"));
        return true;
      }
      return emit(event, ...args);
    }) as typeof socket.emit;
    return socket;
  };
}

const faults = new LostProduceAnswers();
let publisher: EventPublisher;
let reader: TopicReader;
let topic: string;

beforeAll(async () => {
  const prefix = uniqueTopicPrefix();
  await provisionTestTopics(prefix);
  topic = topicName(prefix, topicFor(uitschrijving().type).name);
  // Few, quick retries inside kafkajs: with every answer cut, the send fails, as after a long broker outage.
  const kafka = createKafka({
    ...kafkaAccess(),
    clientId: 'messaging-test-publisher',
    logLevel: process.env.DEBUG_KAFKA ? logLevel.DEBUG : logLevel.NOTHING,
    extra: { socketFactory: faults.socketFactory, retry: { retries: 1, initialRetryTime: 50 } },
  });
  publisher = new EventPublisher(kafka, prefix);
  const readerKafka = createKafka({ ...kafkaAccess(), clientId: 'messaging-test-publisher-reader', logLevel: logLevel.NOTHING });
  reader = await new TopicReader(readerKafka, [topic]).start();
});

afterAll(async () => {
  await reader?.stop();
  await publisher?.disconnect();
});

const onBus = (ids: string[]) =>
  reader.messages
    .map((m) => fromKafkaMessage(m))
    .filter((e) => ids.includes(e.id))
    .map((e) => e.id);

/** Fresh topics answer "not the leader" for a moment; with few retries in kafkajs the test retries the first send. */
async function publishWhenReady(event: CloudEvent): Promise<void> {
  await eventually(
    () =>
      publisher.publish(event).then(
        () => true,
        () => false,
      ),
    (sent) => sent,
  );
}

it('publishes again after a produce whose answer was lost, without duplicating what the broker confirmed', async () => {
  const first = uitschrijving(subjects[0]);
  await publishWhenReady(first);

  const lost = uitschrijving(subjects[0]);
  faults.armed = true;
  await expect(publisher.publish(lost)).rejects.toThrow();
  faults.armed = false;
  expect(faults.cut).toBe(2); // the send and kafkajs' one retry

  // The outbox retries with what is waiting by then, as one batch: the lost event and newer ones for the same young
  // person. To the broker that batch starts at a sequence it has already taken: out of order.
  const later = [lost, uitschrijving(subjects[0]), uitschrijving(subjects[0])];
  await publisher.send([{ topic, messages: later.map(toKafkaMessage) }]);
  const afterwards = uitschrijving(subjects[0]);
  await publisher.publish(afterwards);

  const ids = [first, ...later, afterwards].map((e) => e.id);
  await eventually(
    () => new Set(onBus(ids)).size,
    (n) => n === ids.length,
  );
  // Order by first appearance is the publishing order; the lost event may be there twice (the inbox dedupes).
  expect([...new Set(onBus(ids))]).toEqual(ids);
  expect(onBus(ids).filter((id) => id !== lost.id)).toEqual(ids.filter((id) => id !== lost.id));
});
