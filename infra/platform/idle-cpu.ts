import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) a Linux process has used so far, from /proc/<pid>/stat; undefined once it is gone, or
 * when `command` is given and the process runs another (e.g. a pid another machine's server reported).
 */
export function processCpuSeconds(pid: number, command?: string): number | undefined {
  const row = processStat(pid);
  if (!row || (command !== undefined && row.comm !== command)) return undefined;
  return (Number(row.stat[11]) + Number(row.stat[12])) / CLOCK_TICKS_PER_SECOND;
}

/**
 * One process's /proc/<pid>/stat: its command name and the fields after it (from the state on: ppid is [1], utime
 * [11], stime [12], cutime [13], cstime [14], in ticks); undefined once it is gone. The name may hold spaces and
 * parentheses, so it runs to the last ')'.
 */
function processStat(pid: number): { pid: number; ppid: number; comm: string; stat: string[] } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const stat = text.slice(text.lastIndexOf(') ') + 2).split(' ');
    return { pid, ppid: Number(stat[1]), comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')), stat };
  } catch {
    return undefined;
  }
}

/** The parent of a living process (from /proc/<pid>/stat); undefined once it is gone. Linux only. */
export function parentPid(pid: number): number | undefined {
  return processStat(pid)?.ppid;
}

/**
 * The nearest ancestor of `pid` (its parent first) whose command line contains `fragment`, from /proc/<pid>/cmdline;
 * undefined when none has it. Linux only.
 */
export function nearestAncestorRunning(pid: number, fragment: string): number | undefined {
  for (let at = parentPid(pid); at !== undefined && at > 1; at = parentPid(at)) {
    try {
      if (readFileSync(`/proc/${at}/cmdline`, 'utf8').includes(fragment)) return at;
    } catch {
      return undefined; // gone meanwhile
    }
  }
  return undefined;
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
function processTable(): NonNullable<ReturnType<typeof processStat>>[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => processStat(Number(entry)) ?? []); // gone between the listing and the read
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
