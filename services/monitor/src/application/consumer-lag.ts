import { Inject, Injectable } from '@nestjs/common';
import { deadLetterTopics, topics } from '@estafette/contracts';
import { topicName } from '@estafette/messaging';
import { SERVICE_CONFIG, type ServiceConfig } from '@estafette/service-kit';
import { BusClient } from '../messaging/bus-client.js';

export interface GroupLag {
  group: string;
  topic: string;
  /** Records on the topic the group has not committed yet, over all partitions. */
  lag: number;
  partitions: { partition: number; committed: number; end: number; lag: number }[];
}

/**
 * Lag per consumer group and topic, from the broker itself (committed offsets vs. log-end offsets),
 * so a stopped or stuck consumer shows even when it reports nothing.
 */
@Injectable()
export class ConsumerLag {
  constructor(
    private readonly bus: BusClient,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async measure(): Promise<GroupLag[]> {
    const admin = await this.bus.adminClient();
    const prefix = this.config.topicPrefix;
    const ours = [...topics, ...deadLetterTopics].map((t) => topicName(prefix, t.name));
    const { groups } = await admin.listGroups();
    const ends = new Map<string, { partition: number; offset: string; low: string }[]>();
    for (const topic of ours) ends.set(topic, await admin.fetchTopicOffsets(topic));

    const result: GroupLag[] = [];
    for (const { groupId } of groups.filter((g) => g.groupId.startsWith(prefix)).sort((a, b) => a.groupId.localeCompare(b.groupId))) {
      for (const committed of await admin.fetchOffsets({ groupId, topics: ours })) {
        // A group that never committed on a topic does not read it: no lag to report there.
        if (committed.partitions.every((p) => Number(p.offset) < 0)) continue;
        const partitions = (ends.get(committed.topic) ?? []).map((end) => {
          const own = Number(committed.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
          const from = own >= 0 ? own : Number(end.low);
          return { partition: end.partition, committed: own, end: Number(end.offset), lag: Math.max(0, Number(end.offset) - from) };
        });
        result.push({
          group: groupId.slice(prefix.length),
          topic: committed.topic.slice(prefix.length),
          lag: partitions.reduce((sum, p) => sum + p.lag, 0),
          partitions,
        });
      }
    }
    return result;
  }
}
