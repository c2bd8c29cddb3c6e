import { describe, expect, it } from '@jest/globals';
import type { CloudEvent } from '@estafette/contracts';
import { runsOf, type EventBatchHandler, type Work } from './inbox-batch.js';

const single = async () => {};
const batchA: EventBatchHandler = async () => {};
const batchB: EventBatchHandler = async () => {};
const work = (subject: string, batchHandler?: EventBatchHandler, type = 'registered'): Work => ({
  event: { subject, type } as CloudEvent,
  handler: single,
  batchHandler,
});

describe('runsOf: which fresh events one call may handle', () => {
  it('joins consecutive events of one batch handler, and cuts where the handler changes', () => {
    const batch = [work('a', batchA), work('b', batchA), work('c', batchB), work('d', batchB), work('e', batchA)];
    expect(runsOf(batch, [0, 1, 2, 3, 4])).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('cuts where a young person comes back, so their second event sees what the first wrote', () => {
    const batch = [work('a', batchA), work('b', batchA), work('a', batchA), work('c', batchA)];
    expect(runsOf(batch, [0, 1, 2, 3])).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('gives an event without a batch handler a run of its own, also between two batch events', () => {
    const batch = [work('a', batchA), work('b'), work('c', batchA), work('d'), work('e')];
    expect(runsOf(batch, [0, 1, 2, 3, 4])).toEqual([[0], [1], [2], [3], [4]]);
  });

  it('joins across a duplicate (not fresh: it runs nothing) and takes only the fresh', () => {
    const batch = [work('a', batchA), work('b', batchA), work('c', batchA)];
    expect(runsOf(batch, [0, 2])).toEqual([[0, 2]]);
    expect(runsOf(batch, [])).toEqual([]);
  });

  it('cuts where the type changes, even when one function handles both', () => {
    const batch = [work('a', batchA, 'registered'), work('b', batchA, 'registered'), work('c', batchA, 'corrected')];
    expect(runsOf(batch, [0, 1, 2])).toEqual([[0, 1], [2]]);
  });

  it('cuts at a young person coming back also when a duplicate of their first event sits between', () => {
    const batch = [work('a', batchA), work('a', batchA), work('a', batchA)];
    expect(runsOf(batch, [0, 2])).toEqual([[0], [2]]);
  });
});
