// Resident memory of every service process, sampled from /proc while the benchmark runs.
import type { ServiceProcess } from '../../platform/service-process.js';

export class MemorySampler {
  /** Highest VmRSS seen per service since the last mark(), in MB. */
  private windowPeak = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly services: ServiceProcess[],
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  private sample(): void {
    for (const s of this.services) {
      const m = s.memory();
      if (m) this.windowPeak.set(s.name, Math.max(this.windowPeak.get(s.name) ?? 0, m.rssMb));
    }
  }

  /** Peak RSS per service since the previous mark; starts a new window. */
  mark(): Record<string, number> {
    this.sample();
    const peaks = Object.fromEntries([...this.windowPeak].map(([k, v]) => [k, Math.round(v)]));
    this.windowPeak.clear();
    return peaks;
  }

  /** The kernel's own high-water mark (VmHWM) per service: the peak over its whole life. */
  lifetimePeaks(): Record<string, number> {
    return Object.fromEntries(
      this.services.flatMap((s) => {
        const m = s.memory();
        return m ? [[s.name, Math.round(m.peakRssMb)]] : [];
      }),
    );
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
