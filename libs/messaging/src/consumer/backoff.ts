export interface RetryPolicy {
  /** Total tries including the first. */
  attempts: number;
  initialBackoffMs: number;
  maxBackoffMs?: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, initialBackoffMs: 200, maxBackoffMs: 30_000 };

/** Delay before try number `attempt + 1`: doubling from the initial delay, capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.initialBackoffMs * 2 ** (attempt - 1), policy.maxBackoffMs ?? 30_000);
}

/**
 * Sleep while keeping the group membership alive: a long backoff without heartbeats would get this
 * member evicted and the partition handed to someone else mid-retry. Resolves false when aborted.
 */
export async function waitWithHeartbeat(
  ms: number,
  heartbeat: () => Promise<void>,
  signal: AbortSignal,
  heartbeatEveryMs = 1_000,
): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (signal.aborted) return false;
    await sleep(Math.min(heartbeatEveryMs, until - Date.now()), signal);
    if (signal.aborted) return false;
    await heartbeat();
  }
  return !signal.aborted;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(finish, ms);
    signal.addEventListener('abort', finish, { once: true });
    function finish() {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    }
  });
}
