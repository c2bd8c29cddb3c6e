import { describe, expect, test } from '@jest/globals';
import { DEFAULT_RESTART_SCHEDULE, nextAttempt, restartDelayMs } from './restart-schedule.js';

describe('restart schedule: exponential backoff, capped, reset after a stable run', () => {
  test('1 s, 2 s, 4 s ... doubling up to the 30 s cap, and never beyond', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((k) => restartDelayMs(k))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(restartDelayMs(10_000)).toBe(30_000);
    expect(restartDelayMs(Number.MAX_SAFE_INTEGER)).toBe(30_000);
  });

  test('attempts below 1 wait as the first', () => {
    expect(restartDelayMs(0)).toBe(1_000);
    expect(restartDelayMs(-3)).toBe(1_000);
  });

  test('another schedule: its own first delay and cap', () => {
    const schedule = { firstDelayMs: 250, maxDelayMs: 1_500, stableAfterMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((k) => restartDelayMs(k, schedule))).toEqual([250, 500, 1_000, 1_500, 1_500]);
  });

  test('a quick exit counts up; a run of a minute or more starts again at attempt 1', () => {
    expect(nextAttempt(0, 10)).toBe(1);
    expect(nextAttempt(3, 59_999)).toBe(4);
    expect(nextAttempt(3, DEFAULT_RESTART_SCHEDULE.stableAfterMs)).toBe(1);
    expect(nextAttempt(7, 3_600_000)).toBe(1);
  });
});
