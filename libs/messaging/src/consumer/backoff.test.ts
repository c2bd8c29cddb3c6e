import { describe, expect, it, jest } from '@jest/globals';
import { backoffDelay, waitWithHeartbeat } from './backoff.js';

describe('retry backoff', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const policy = { attempts: 10, initialBackoffMs: 100, maxBackoffMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt))).toEqual([100, 200, 400, 800, 1_000]);
  });

  it('heartbeats during a long wait so the group does not evict the member', async () => {
    // Fake clock: on a loaded machine real timers overshoot, and the count would measure the load.
    jest.useFakeTimers();
    try {
      const heartbeat = jest.fn(async () => {});
      const waiting = waitWithHeartbeat(130, heartbeat, new AbortController().signal, 40);
      await jest.advanceTimersByTimeAsync(130);
      expect(await waiting).toBe(true);
      expect(heartbeat.mock.calls.length).toBe(4); // at 40, 80, 120 and 130 ms
    } finally {
      jest.useRealTimers();
    }
  });

  it('returns early and reports false when aborted (shutdown)', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    expect(await waitWithHeartbeat(5_000, async () => {}, controller.signal)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
