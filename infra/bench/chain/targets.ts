// The issue's targets for this machine beside what was measured, and, for each one missed, what limits it
// (found by looking where the time goes; see infra/bench/README.md).
import type { RawKafkaResult } from './raw-kafka.js';
import type { Percentiles } from './stats.js';
import type { Hops } from './hops.js';
import type { StatementCost } from './statement-profile.js';
import type { ImportTasks } from './bulk-import.js';

interface Phase {
  sent: number;
  accepted: number;
  notAccepted: number;
  tasksStored: number;
  intakePerSecond: number;
  endToEndPerSecond: number;
  latency: Percentiles;
}

export interface ChainResult {
  settings: Record<string, number>;
  services: string[];
  skippedServices: Record<string, string>;
  rawKafka: RawKafkaResult;
  saturation: Phase & {
    cpu: { wallSeconds: number; cpuSeconds: Record<string, number> };
    /** The database's costliest statements under saturation, when the server tracks them (statement-profile.ts). */
    statements?: StatementCost[];
  };
  /** Per service, percent of one core over `seconds` with nothing sent, after `settleSeconds` for the warm-up's tail (settleCpuPercent). */
  idle: { seconds: number; settleSeconds: number; cpuPercent: Record<string, number>; settleCpuPercent: Record<string, number> };
  fixed100: Phase & { hops: Hops };
  fixedHalf: Phase & { ratePerSecond: number };
  ratioPlatformToRaw: number;
  peakRssMb: { duringChain: Record<string, number>; lifetime: Record<string, number> };
  bulkImport: {
    rows: number;
    seconds: number;
    rowsPerSecond: number;
    /** The RMC's tasks for the import: how many when the school had answered, and when the last was stored. */
    tasks: ImportTasks;
    /** CPU seconds per process (services, PostgreSQL, Kafka, load generator) from the first row sent to the last answer. */
    cpuSeconds: Record<string, number>;
    /** CPU seconds of each database's backends over the same window (part of PostgreSQL's in `cpuSeconds`). */
    databaseCpuSeconds: Record<string, number>;
    schoolServicePeakRssMb: number;
    clientPeakRssMb: number;
    /** Per imported row, with ESTAFETTE_PG_STATEMENT_STATS=1: where the database's time went during the import. */
    statements?: StatementCost[];
    accepted: number;
    rejected: number;
    error?: string;
  };
}

export interface TargetLine {
  what: string;
  target: string;
  measured: string;
  met: boolean;
  /** Why it falls short (only when it does). */
  limitedBy?: string;
}

export const LIMITS = {
  throughput:
    'CPU per event on two cores shared with PostgreSQL, Kafka and the load generator. Per uitschrijving: an HTTP request ' +
    '(pg the largest part of it, then Nest with its pipes and class-validator, and Fastify) with one intake statement, the relay, ' +
    "a share of the RMC's batch transaction and its handler statement, the relay again, and the school, consent and monitor " +
    'consuming the resulting events. See the CPU line per service and infra/bench/README.md.',
  latency100:
    'Batches trade latency for throughput: at 100/s a deregistration waits for its partition batch and for the relays; the ' +
    'p99 follows the slowest of several hops on two busy cores.',
  idle:
    "Each consumer's empty fetch every 5 s with its group heartbeat, each broker connection's timeout check every 5 s, " +
    "the timer claims every minute and the relay safety-net poll every 30 s; and V8 after the work: the idle path's code is " +
    'optimised a function at a time as it becomes hot, and the memory reducer compacts the heap once allocation stops.',
  memory:
    "The RMC while it consumes the import's events, released at the import's answer, in batches (a 192 MB old space, " +
    'fetches of 256 KB per partition); under the chain load every service stays lower (see the per-service lines).',
  bulk:
    'The school validates and writes one batch while reading the next; its events are held in the outbox until it has ' +
    'answered (OutboxHold), so the chain consumes them afterwards (see the RMC tasks line) and the answer has the cores ' +
    "to itself but for what else runs: the school's own path per row (validation, pseudonym, the insert) is what remains.",
};

const mb = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? 'n/a' : `${v} MB`);

/** Keys of the saturation CPU seconds that are no service: the database server and the broker (when measured). */
export const DATABASE_CPU = 'PostgreSQL';
export const BROKER_CPU = 'Kafka';
const NOT_SERVICES = ['load generator', DATABASE_CPU, BROKER_CPU];

/**
 * Service CPU (every service process, not the load generator, the database or the broker) per task stored during
 * saturation, in ms; `infrastructureMs` gives the database's and the broker's the same way (absent when not measured).
 */
export function cpuPerDeregistration(r: ChainResult): {
  totalMs: number;
  perServiceMs: Record<string, number>;
  infrastructureMs: Record<string, number>;
} {
  const seconds = Object.entries(r.saturation.cpu.cpuSeconds);
  const services = seconds.filter(([name]) => !NOT_SERVICES.includes(name));
  const infrastructure = seconds.filter(([name]) => name === DATABASE_CPU || name === BROKER_CPU);
  const per = (s: number) => Math.round((s * 1000 * 100) / Math.max(1, r.saturation.tasksStored)) / 100;
  const totalSeconds = services.reduce((sum, [, v]) => sum + v, 0);
  return {
    totalMs: per(totalSeconds),
    perServiceMs: Object.fromEntries(services.map(([name, v]) => [name, per(v)])),
    infrastructureMs: Object.fromEntries(infrastructure.map(([name, v]) => [name, per(v)])),
  };
}

/** The targets of issue 19 (and issue 11's memory line) beside the measurements; see the README's benchmark section. */
export function assess(r: ChainResult): { metrics: Record<string, unknown>; targets: TargetLine[]; met: boolean } {
  const worstService = Object.entries(r.peakRssMb.lifetime).sort((a, b) => b[1] - a[1])[0] ?? ['n/a', NaN];
  const cpu = cpuPerDeregistration(r);
  const idle = Object.entries(r.idle.cpuPercent).sort((a, b) => b[1] - a[1]);
  const busiestIdle = idle[0] ?? ['n/a', NaN];
  const targets: TargetLine[] = [
    {
      what: 'end-to-end throughput at saturation (school API to stored RMC task)',
      target: '>= 400 /s',
      measured: `${r.saturation.endToEndPerSecond} /s (raw kafkajs ${r.rawKafka.endToEndPerSecond} /s, ratio ${r.ratioPlatformToRaw})`,
      met: r.saturation.endToEndPerSecond >= 400,
      limitedBy: LIMITS.throughput,
    },
    {
      what: 'service CPU per deregistration (sum over services, saturation)',
      target: '<= 2.5 ms',
      measured: `${cpu.totalMs} ms`,
      met: cpu.totalMs <= 2.5,
      limitedBy: LIMITS.throughput,
    },
    {
      what: 'latency p99 at 100/s (201 to task stored)',
      target: '<= 250 ms',
      measured: `${r.fixed100.latency.p99Ms} ms`,
      met: r.fixed100.latency.p99Ms <= 250 && r.fixed100.tasksStored === r.fixed100.accepted,
      limitedBy: LIMITS.latency100,
    },
    {
      what: `bulk import of ${r.bulkImport.rows} rows`,
      target: '<= 30 s',
      measured: r.bulkImport.error
        ? `failed: ${r.bulkImport.error} (after the accepted rows)`
        : `${r.bulkImport.seconds} s (the RMC's last task after ${r.bulkImport.tasks.lastStoredAfterSeconds} s)`,
      met: r.bulkImport.seconds <= 30,
      limitedBy: LIMITS.bulk,
    },
    {
      what: 'school peak RSS during the bulk import',
      target: '<= 250 MB',
      measured: mb(r.bulkImport.schoolServicePeakRssMb),
      met: r.bulkImport.schoolServicePeakRssMb <= 250,
      limitedBy: LIMITS.memory,
    },
    {
      what: `idle CPU per service over ${r.idle.seconds} s (highest: ${busiestIdle[0]})`,
      target: '< 0.5% of a core',
      measured: `${busiestIdle[1]}%`,
      met: busiestIdle[1] < 0.5,
      limitedBy: LIMITS.idle,
    },
    {
      what: `peak RSS of every service (highest: ${worstService[0]})`,
      target: '< 250 MB',
      measured: mb(worstService[1]),
      met: worstService[1] < 250,
      limitedBy: LIMITS.memory,
    },
  ];
  for (const t of targets) if (t.met) delete t.limitedBy;
  const metrics = {
    'saturation: end-to-end /s': r.saturation.endToEndPerSecond,
    'saturation: school intake /s': r.saturation.intakePerSecond,
    'saturation: tasks stored / accepted': `${r.saturation.tasksStored} / ${r.saturation.accepted}`,
    'saturation: CPU seconds per process (wall seconds)': `${Object.entries(r.saturation.cpu.cpuSeconds)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} (${r.saturation.cpu.wallSeconds} s)`,
    'saturation: service CPU ms per deregistration': `${cpu.totalMs} (${Object.entries(cpu.perServiceMs)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
    'saturation: database and broker CPU ms per deregistration': Object.keys(cpu.infrastructureMs).length
      ? Object.entries(cpu.infrastructureMs)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')
      : 'not measured (not started by the bench)',
    [`idle: % of a core per service over ${r.idle.seconds} s`]: idle.map(([k, v]) => `${k} ${v}`).join(', '),
    [`idle: the ${r.idle.settleSeconds} s before it (the warm-up's tail)`]: Object.entries(r.idle.settleCpuPercent)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    'raw kafkajs produce-then-consume /s': r.rawKafka.endToEndPerSecond,
    'ratio platform / raw': r.ratioPlatformToRaw,
    'at 100/s: p50 / p95 / p99 ms': `${r.fixed100.latency.p50Ms} / ${r.fixed100.latency.p95Ms} / ${r.fixed100.latency.p99Ms}`,
    'at 100/s: school commit to published, p50 / p99 ms': `${r.fixed100.hops.schoolCommitToPublished.p50Ms} / ${r.fixed100.hops.schoolCommitToPublished.p99Ms}`,
    'at 100/s: published to the RMC transaction, p50 / p99 ms': `${r.fixed100.hops.publishedToRmcTransaction.p50Ms} / ${r.fixed100.hops.publishedToRmcTransaction.p99Ms}`,
    [`at ${r.fixedHalf.ratePerSecond}/s (50% of saturation): p50 / p95 / p99 ms`]: `${r.fixedHalf.latency.p50Ms} / ${r.fixedHalf.latency.p95Ms} / ${r.fixedHalf.latency.p99Ms}`,
    'bulk import: seconds, rows/s, accepted': `${r.bulkImport.seconds} s, ${r.bulkImport.rowsPerSecond}/s, ${r.bulkImport.accepted}${r.bulkImport.error ? ` (failed: ${r.bulkImport.error})` : ''}`,
    'bulk import: RMC tasks when answered, last task after': `${r.bulkImport.tasks.storedWhenAnswered} of ${r.bulkImport.accepted}, ${r.bulkImport.tasks.lastStoredAfterSeconds} s (${r.bulkImport.tasks.stored} stored)`,
    'bulk import: CPU seconds per process': Object.entries(r.bulkImport.cpuSeconds)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    "bulk import: CPU seconds of each database's backends": Object.entries(r.bulkImport.databaseCpuSeconds)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    'bulk import: school service peak RSS': mb(r.bulkImport.schoolServicePeakRssMb),
    'bulk import: streaming client peak RSS': mb(r.bulkImport.clientPeakRssMb),
    ...Object.fromEntries(Object.entries(r.peakRssMb.lifetime).map(([name, v]) => [`peak RSS ${name} (VmHWM)`, mb(v)])),
  };
  return { metrics, targets, met: targets.every((t) => t.met) };
}
