import { createRequire } from 'node:module';

/** The slice of kafkajs' (internal) consumer group the pacing touches. */
interface ConsumerGroup {
  groupId: string;
  minBytes: number;
  maxWaitTime: number;
  fetch(nodeId: number): Promise<{ isEmpty(): boolean }[]>;
  [PACING]?: { idle: { minBytes: number; maxWaitTime: number }; busy: boolean };
}

const PACING = Symbol('estafette.fetchPacing');

/** After a fetch that brought events: how long the next fetch may wait for more, in ms (the added latency per hop). */
export const BUSY_FETCH_WAIT_MS = 25;
/** After a fetch that brought events: how much the next fetch waits for (it answers earlier once this much is there). */
const BUSY_FETCH_MIN_BYTES = 64 * 1024;

/** How a group fetches while events flow: wait up to waitMs for minBytes. */
export interface BusyFetchPacing {
  waitMs: number;
  minBytes: number;
}

/**
 * For consumers nobody waits on within a fraction of a second (the monitor's watch, consent's age signals, the school's
 * chain progress): while events flow a fetch may wait half a second for up to 1 MB. Source: design (issue 19; measured
 * in the bench: the monitor's and consent's CPU per deregistration about halved, the broker's down by a third).
 */
export const THROUGHPUT_FETCH_PACING: BusyFetchPacing = { waitMs: 500, minBytes: 1024 * 1024 };

const DEFAULT_BUSY_PACING: BusyFetchPacing = { waitMs: BUSY_FETCH_WAIT_MS, minBytes: BUSY_FETCH_MIN_BYTES };
const busyPacingOfGroup = new Map<string, BusyFetchPacing>();

/**
 * For a consumer group nobody waits on within a fraction of a second (THROUGHPUT_FETCH_PACING): while events flow its
 * fetches wait longer for larger batches, so it pays fewer fetches on the broker and fewer statements in its store per
 * event. Its idle behaviour is unchanged (the first event after a quiet spell is fetched at
 * once). Call before the group's consumer runs; the last call for a group wins. Source: design (issue 19).
 */
export function paceGroupForThroughput(groupId: string, busy: BusyFetchPacing): void {
  busyPacingOfGroup.set(groupId, busy);
}

/**
 * Fetch pacing for kafkajs 2.2.4 consumers (issue 19). kafkajs fetches again as soon as the last fetch's batches are
 * handled, and the broker answers as soon as one byte is there (minBytes 1): under load every fetch brings one or two
 * events, so every event pays a fetch on the broker, a transaction and a commit in the consumer. Its options cannot
 * help: a longer wait for more bytes also delays the first event after a quiet spell, and a shorter maximum wait makes
 * an idle consumer poll. So the pacing follows the traffic: after a fetch that brought events the next one waits up to
 * BUSY_FETCH_WAIT_MS for BUSY_FETCH_MIN_BYTES (batches of many events while events flow); after an empty one the
 * consumer's own options apply again (one byte, the long idle wait: an event after a quiet spell is fetched at once, and
 * an idle consumer costs what it did). Applied once, when the messaging library is loaded; only the two fetch settings
 * kafkajs' own fetch reads are changed.
 */
export function paceKafkajsFetches(): void {
  const require = createRequire(import.meta.url);
  const ConsumerGroupClass = require('kafkajs/src/consumer/consumerGroup.js') as { prototype: ConsumerGroup };
  const fetch = ConsumerGroupClass.prototype.fetch;
  ConsumerGroupClass.prototype.fetch = async function pacedFetch(this: ConsumerGroup, nodeId: number) {
    const pacing = (this[PACING] ??= { idle: { minBytes: this.minBytes, maxWaitTime: this.maxWaitTime }, busy: false });
    const busy = busyPacingOfGroup.get(this.groupId) ?? DEFAULT_BUSY_PACING;
    this.minBytes = pacing.busy ? Math.max(pacing.idle.minBytes, busy.minBytes) : pacing.idle.minBytes;
    this.maxWaitTime = pacing.busy ? Math.min(pacing.idle.maxWaitTime, busy.waitMs) : pacing.idle.maxWaitTime;
    const batches = await fetch.call(this, nodeId);
    pacing.busy = batches.some((batch) => !batch.isEmpty());
    return batches;
  };
}
