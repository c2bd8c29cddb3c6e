export interface LatencyStats {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function latencyStats(durationsMs: number[]): LatencyStats {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { samples: sorted.length, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(sorted.at(-1) ?? NaN) };
}

/** Runs `once` `iterations` times with `concurrency` callers after a warm-up, and times each call. */
export async function timeCalls(
  once: (i: number) => Promise<unknown>,
  iterations: number,
  concurrency: number,
  warmUp = 200,
): Promise<LatencyStats> {
  for (let i = 0; i < warmUp; i++) await once(i);
  const durations: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < iterations) {
      const i = next++;
      const started = performance.now();
      await once(i);
      durations.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencyStats(durations);
}
