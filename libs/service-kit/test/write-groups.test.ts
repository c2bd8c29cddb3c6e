import { describe, expect, it } from '@jest/globals';
import { WriteGroups } from '../src/write-groups.js';

/** A group writer whose calls are answered by the test, so it decides what is in flight. */
function controlledWriter() {
  const calls: { items: number[]; answer: () => void; fail: (e: Error) => void }[] = [];
  const write = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push({
        items,
        answer: () => resolve(items.map((i) => `r${i}`)),
        fail: reject,
      });
    });
  return { calls, write };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('WriteGroups', () => {
  it('writes alone at once while nothing is in flight', async () => {
    const { calls, write } = controlledWriter();
    const groups = new WriteGroups(write, { maxGroup: 10, inFlight: 1 });
    const result = groups.write(1);
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    calls[0]!.answer();
    await expect(result).resolves.toBe('r1');
  });

  it('groups the writes that arrive while the in-flight groups are busy, in arrival order, up to maxGroup', async () => {
    const { calls, write } = controlledWriter();
    const groups = new WriteGroups(write, { maxGroup: 3, inFlight: 2 });
    const results = [1, 2, 3, 4, 5, 6, 7].map((i) => groups.write(i));
    expect(calls.map((c) => c.items)).toEqual([[1], [2]]);
    calls[0]!.answer();
    await settle();
    expect(calls.map((c) => c.items)).toEqual([[1], [2], [3, 4, 5]]);
    calls[1]!.answer();
    await settle();
    expect(calls.map((c) => c.items)).toEqual([[1], [2], [3, 4, 5], [6, 7]]);
    calls[2]!.answer();
    calls[3]!.answer();
    await expect(Promise.all(results)).resolves.toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
  });

  it('writes a failed group again item by item, so only the item that fails rejects', async () => {
    const written: number[][] = [];
    const groups = new WriteGroups(
      async (items: number[]) => {
        written.push(items);
        if (items.includes(3)) throw new Error(`item 3 refused`);
        return items.map((i) => i * 10);
      },
      { maxGroup: 10, inFlight: 1 },
    );
    const results = [1, 2, 3, 4].map((i) => groups.write(i).then(String, (e: Error) => e.message));
    await expect(Promise.all(results)).resolves.toEqual(['10', '20', 'item 3 refused', '40']);
    expect(written).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('with isolateFailures false rejects every item of a failed group with its error, writing none again', async () => {
    const { calls, write } = controlledWriter();
    const groups = new WriteGroups(write, { maxGroup: 10, inFlight: 1, isolateFailures: false });
    const results = [1, 2, 3].map((i) => groups.write(i).then(String, (e: Error) => e.message));
    calls[0]!.answer();
    await settle();
    calls[1]!.fail(new Error('the chain moved on'));
    await expect(Promise.all(results)).resolves.toEqual(['r1', 'the chain moved on', 'the chain moved on']);
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3]]);
  });

  it('calls the group writer synchronously as each group starts, in group order', async () => {
    const started: number[][] = [];
    const groups = new WriteGroups(
      (items: number[]) => {
        started.push(items); // before any await: what a hash chain links after the group before
        return new Promise<number[]>((resolve) => setImmediate(() => resolve(items)));
      },
      { maxGroup: 2, inFlight: 2 },
    );
    const results = [1, 2, 3, 4, 5].map((i) => groups.write(i));
    expect(started).toEqual([[1], [2]]);
    await Promise.all(results);
    expect(started).toEqual([[1], [2], [3, 4], [5]]);
  });

  it('refuses a group writer that answers the wrong number of results, for every item', async () => {
    const groups = new WriteGroups(async (items: number[]) => items.slice(1), { maxGroup: 10, inFlight: 1 });
    await expect(groups.write(1)).rejects.toThrow('a group of 1 answered 0 results');
  });
});
