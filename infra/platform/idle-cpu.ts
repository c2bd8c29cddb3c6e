import { readdirSync, readFileSync } from 'node:fs';

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

/** Parent pid and command name of every living process, from /proc/<pid>/stat. */
function processTable(): { pid: number; ppid: number; comm: string; stat: string[] }[] {
  const rows = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
      const stat = text.slice(text.lastIndexOf(') ') + 2).split(' ');
      rows.push({ pid: Number(entry), ppid: Number(stat[1]), comm, stat });
    } catch {
      // gone between the listing and the read
    }
  }
  return rows;
}

/**
 * CPU seconds used so far by each process under `parent` whose command is one of `commands` (the nearest such on each
 * branch), with all its descendants and what its reaped children used (cutime + cstime): e.g. the PostgreSQL server
 * with every backend, or the Kafka broker's JVM behind its wrapper shell. Keyed by command; a command not found is
 * left out. Linux only.
 */
export function descendantTreesCpuSeconds(parent: number, commands: string[]): Record<string, number> {
  const table = processTable();
  const childrenOf = new Map<number, typeof table>();
  for (const row of table) childrenOf.set(row.ppid, [...(childrenOf.get(row.ppid) ?? []), row]);
  const ticks = (row: (typeof table)[number], withReaped: boolean) =>
    Number(row.stat[11]) + Number(row.stat[12]) + (withReaped ? Number(row.stat[13]) + Number(row.stat[14]) : 0);
  const treeTicks = (row: (typeof table)[number], root: boolean): number =>
    ticks(row, root) + (childrenOf.get(row.pid) ?? []).reduce((sum, child) => sum + treeTicks(child, false), 0);
  const result: Record<string, number> = {};
  const visit = (pid: number) => {
    for (const child of childrenOf.get(pid) ?? []) {
      if (commands.includes(child.comm)) result[child.comm] = (result[child.comm] ?? 0) + treeTicks(child, true) / CLOCK_TICKS_PER_SECOND;
      else visit(child.pid);
    }
  };
  visit(parent);
  return result;
}
