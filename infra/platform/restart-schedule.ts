/**
 * When a supervised service that exited is started again (design: issue 21, part 1). Pure: no timers, no
 * processes. Attempt k waits `firstDelayMs * 2^(k-1)`, at most `maxDelayMs`; a process that ran for
 * `stableAfterMs` or longer before it exited counts as recovered, so its next exit is attempt 1 again.
 */
export interface RestartSchedule {
  /** Wait before the first restart, in ms. */
  firstDelayMs: number;
  /** The longest wait, in ms (the cap of the doubling). */
  maxDelayMs: number;
  /** A run at least this long (ms) resets the attempt count. */
  stableAfterMs: number;
}

/** 1 s, 2 s, 4 s ... at most 30 s; a minute of running resets it. */
export const DEFAULT_RESTART_SCHEDULE: RestartSchedule = { firstDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000 };

/** Wait in ms before restart attempt `attempt` (1-based; below 1 counts as 1). */
export function restartDelayMs(attempt: number, schedule: RestartSchedule = DEFAULT_RESTART_SCHEDULE): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2^exponent overflows to Infinity long after the cap; Math.min keeps the cap.
  return Math.min(schedule.maxDelayMs, schedule.firstDelayMs * 2 ** exponent);
}

/** The attempt number after an exit: 1 when the process had run stably (`ranMs >= stableAfterMs`), else one more than before. */
export function nextAttempt(previousAttempt: number, ranMs: number, schedule: RestartSchedule = DEFAULT_RESTART_SCHEDULE): number {
  return ranMs >= schedule.stableAfterMs ? 1 : previousAttempt + 1;
}
