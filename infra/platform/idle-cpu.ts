import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) a Linux process has used so far, from /proc/<pid>/stat; undefined once it is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces, hence the split on ') '): utime is 14th, stime 15th, in ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every Linux the platform runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Percent of one core a process used over the next `seconds` (wall clock), e.g. 0.4 for 0.4%: for an idle service,
 * what its timers, polls and heartbeats cost. The resolution is one tick (10 ms) over the window: measure over
 * 60 s or more for a figure under 0.5%. Rejects when the process is gone at the start or the end. Linux only.
 */
export async function idleCpuPercent(pid: number, seconds: number): Promise<number> {
  const before = processCpuSeconds(pid);
  const started = performance.now();
  if (before === undefined) throw new Error(`process ${pid} not found`);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = processCpuSeconds(pid);
  if (after === undefined) throw new Error(`process ${pid} ended while measured`);
  return ((after - before) / ((performance.now() - started) / 1000)) * 100;
}
