// How far the platform's consumer groups are behind on the bench's topics: a phase measured while
// consumers still work off the previous phase's backlog measures that backlog, not its own rate.
import { Kafka, logLevel, type Admin } from 'kafkajs';

export interface BusLag {
  /** Events not yet consumed, summed over every group and partition under the prefix. */
  events: number;
  /** The groups still behind, with their lag in events. */
  groups: Record<string, number>;
}

/** An admin connection that reads consumer lag on topics starting with `topicPrefix`. */
export class BusLagReader {
  private constructor(
    private readonly admin: Admin,
    private readonly topicPrefix: string,
  ) {}

  static async connect(brokers: string[], sasl: { username: string; password: string }, topicPrefix: string): Promise<BusLagReader> {
    const kafka = new Kafka({ clientId: 'bench-lag', brokers, logLevel: logLevel.NOTHING, sasl: { mechanism: 'scram-sha-512', ...sasl } });
    const admin = kafka.admin();
    await admin.connect();
    return new BusLagReader(admin, topicPrefix);
  }

  /** The lag now (committed offsets against the partitions' ends). */
  async read(): Promise<BusLag> {
    const topics = (await this.admin.listTopics()).filter((t) => t.startsWith(this.topicPrefix));
    const ends = new Map<string, { low: number; high: number }>();
    for (const topic of topics)
      for (const p of await this.admin.fetchTopicOffsets(topic))
        ends.set(`${topic}/${p.partition}`, { low: Number(p.low), high: Number(p.high) });
    const groups: Record<string, number> = {};
    for (const { groupId } of (await this.admin.listGroups()).groups) {
      // The platform's groups carry the run's prefix; the raw baseline's and other runs' do not.
      if (!groupId.startsWith(this.topicPrefix)) continue;
      let lag = 0;
      for (const t of await this.admin.fetchOffsets({ groupId, topics })) {
        // A topic the group has committed nothing on is one it does not read (or has had nothing on yet).
        if (t.partitions.every((p) => Number(p.offset) < 0)) continue;
        for (const p of t.partitions) {
          const end = ends.get(`${t.topic}/${p.partition}`) ?? { low: 0, high: 0 };
          // No committed offset (-1) on a topic it reads: it starts from the beginning, so all of it is still to read.
          const committed = Number(p.offset) >= 0 ? Number(p.offset) : end.low;
          lag += Math.max(0, end.high - committed);
        }
      }
      if (lag > 0) groups[groupId] = lag;
    }
    return { events: Object.values(groups).reduce((a, b) => a + b, 0), groups };
  }

  /** Waits until no group is behind, or `maxMs` passed; returns how long it waited and the lag at the end. */
  async waitUntilCaughtUp(maxMs: number): Promise<{ waitedMs: number; lag: BusLag }> {
    const started = Date.now();
    let lag = await this.read();
    while (lag.events > 0 && Date.now() - started < maxMs) {
      await new Promise((r) => setTimeout(r, 500));
      lag = await this.read();
    }
    return { waitedMs: Date.now() - started, lag };
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }
}
