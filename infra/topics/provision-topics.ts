// Brings the broker's topics in line with the catalogue (libs/contracts). The broker runs with
// auto.create.topics.enable=false, so this is the only way topics come into being.
import { Kafka, logLevel, type Admin } from 'kafkajs';

export interface TopicSpec {
  name: string;
  partitions: number;
  retentionMs: number;
  /** also created, with the same partitions and retention as its source topic */
  deadLetterTopic?: string;
  cleanupPolicy?: 'delete' | 'compact';
}

// kafkajs' ConfigResourceTypes.TOPIC and ConfigSource.TOPIC_CONFIG: the CJS enums are not ESM named exports.
const TOPIC_CONFIG_RESOURCE = 2;
const TOPIC_CONFIG_SOURCE = 1;

/**
 * Idempotent: creates missing topics (and their dead-letter topics), grows partition counts,
 * corrects retention and cleanup policy. Never deletes a topic and never shrinks one (Kafka can't).
 * `sasl`: the principal to act as (the ops principal; null only for a broker without SASL).
 */
export async function provisionTopics(
  brokers: string[],
  specs: TopicSpec[],
  opts: { prefix?: string; log?: (line: string) => void; sasl: { username: string; password: string } | null },
): Promise<void> {
  const log = opts.log ?? (() => {});
  const prefix = opts.prefix ?? '';
  const wanted = expand(specs).map((s) => ({ ...s, name: prefix + s.name }));
  // As the ops principal (or the admin): services may not create topics.
  const sasl = opts.sasl ? { sasl: { mechanism: 'scram-sha-512' as const, ...opts.sasl } } : {};
  const admin = new Kafka({ clientId: 'estafette-provision-topics', brokers, logLevel: logLevel.NOTHING, ...sasl }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((s) => !existing.has(s.name));
    if (missing.length > 0) {
      await admin.createTopics({
        // kafkajs' own wait fails on Kafka 4 when a fresh topic is briefly unknown to the metadata
        // cache (UNKNOWN_TOPIC_OR_PARTITION, seen with suites provisioning at once): wait below instead.
        waitForLeaders: false,
        topics: missing.map((s) => ({ topic: s.name, numPartitions: s.partitions, configEntries: configOf(s) })),
      });
      log(`created topics: ${missing.map((s) => s.name).join(', ')}`);
    }
    const present = wanted.filter((s) => existing.has(s.name));
    if (present.length > 0) {
      await growPartitions(admin, present, log);
      await alignConfig(admin, present, log);
    }
    await waitForLeaders(
      admin,
      wanted.map((s) => s.name),
    ); // grown partitions need leaders too
  } finally {
    await admin.disconnect();
  }
}

function expand(specs: TopicSpec[]): TopicSpec[] {
  const all = new Map<string, TopicSpec>();
  for (const spec of specs) {
    all.set(spec.name, spec);
    if (spec.deadLetterTopic && !specs.some((s) => s.name === spec.deadLetterTopic)) {
      // A DLQ keeps messages for inspection, so it is never compacted.
      all.set(spec.deadLetterTopic, { name: spec.deadLetterTopic, partitions: spec.partitions, retentionMs: spec.retentionMs });
    }
  }
  return [...all.values()];
}

function configOf(spec: TopicSpec): { name: string; value: string }[] {
  return [
    { name: 'retention.ms', value: String(spec.retentionMs) },
    { name: 'cleanup.policy', value: spec.cleanupPolicy ?? 'delete' },
  ];
}

async function growPartitions(admin: Admin, specs: TopicSpec[], log: (l: string) => void): Promise<void> {
  const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.name) });
  const current = new Map(topics.map((t) => [t.name, t.partitions.length]));
  const grow = specs.filter((s) => s.partitions > (current.get(s.name) ?? 0));
  for (const s of specs) {
    if (s.partitions < (current.get(s.name) ?? 0)) {
      log(`topic ${s.name} has ${current.get(s.name)} partitions, spec says ${s.partitions}: Kafka cannot shrink, left as is`);
    }
  }
  if (grow.length === 0) return;
  await admin.createPartitions({ validateOnly: false, topicPartitions: grow.map((s) => ({ topic: s.name, count: s.partitions })) });
  log(`grew partitions: ${grow.map((s) => `${s.name} -> ${s.partitions}`).join(', ')}`);
}

async function alignConfig(admin: Admin, specs: TopicSpec[], log: (l: string) => void): Promise<void> {
  // Only the topic's own overrides: broker defaults must not be frozen into the topic.
  const overrides = await topicOverrides(
    admin,
    specs.map((s) => s.name),
  );
  const drifted = specs.filter((s) => configOf(s).some((e) => overrides.get(s.name)?.get(e.name) !== e.value));
  if (drifted.length === 0) return;
  // AlterConfigs (kafkajs has no incremental variant) replaces a topic's whole override set:
  // merge ours over the existing overrides so settings made by hand survive.
  await admin.alterConfigs({
    validateOnly: false,
    resources: drifted.map((s) => ({
      type: TOPIC_CONFIG_RESOURCE,
      name: s.name,
      configEntries: [...new Map([...overrides.get(s.name)!, ...configOf(s).map((e) => [e.name, e.value] as const)])].map(
        ([name, value]) => ({ name, value }),
      ),
    })),
  });
  log(`aligned retention/cleanup policy: ${drifted.map((s) => s.name).join(', ')}`);
  // KRaft applies config changes to the broker's metadata asynchronously: return only once they show.
  await waitUntil(async () => {
    const now = await topicOverrides(
      admin,
      drifted.map((s) => s.name),
    );
    return drifted.every((s) => configOf(s).every((e) => now.get(s.name)?.get(e.name) === e.value));
  }, 'topic configuration changes to show');
}

async function topicOverrides(admin: Admin, names: string[]): Promise<Map<string, Map<string, string>>> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: names.map((name) => ({ type: TOPIC_CONFIG_RESOURCE, name })),
  });
  return new Map(
    described.resources.map((r) => [
      r.resourceName,
      new Map(r.configEntries.filter((e) => e.configSource === TOPIC_CONFIG_SOURCE).map((e) => [e.configName, e.configValue])),
    ]),
  );
}

async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForLeaders(admin: Admin, names: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let leaderless: string[];
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      leaderless = topics.filter((t) => t.partitions.some((p) => p.leader < 0)).map((t) => t.name);
    } catch (error) {
      leaderless = [`(metadata not yet available: ${(error as Error).message})`];
    }
    if (leaderless.length === 0) return;
    if (Date.now() > deadline) throw new Error(`topics without partition leaders after ${timeoutMs / 1000} s: ${leaderless.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
