// The chain benchmark (`npm run bench`, with KAFKA_BROKERS and DATABASE_URL set by run-with-test-infra):
// every service as its own process, uitschrijvingen posted to the school API until the RMC task is stored,
// raw kafkajs on the same broker as the baseline, each process's memory, the school bulk import.
// Writes its JSON to BENCH_RESULT_FILE (or stdout); infra/bench/run.ts turns it into the summary and chart.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { topics } from '@estafette/contracts';
import { postgresFromEnvironment } from '../../postgres/postgres-server.js';
import { statementProfile } from './statement-profile.js';
import { descendantTreesCpuSeconds, nearestAncestorRunning } from '../../platform/idle-cpu.js';
import { startProcessPlatform } from '../../platform/process-platform.js';
import type { ServiceProcess } from '../../platform/service-process.js';
import { bulkImport, importTasks } from './bulk-import.js';
import { databaseCpuDelta, databaseCpuSnapshot } from './database-cpu.js';
import { Intake, taskStoredTimes, type PhaseLoad } from './intake.js';
import { MemorySampler } from './memory.js';
import { BusLagReader } from './bus-lag.js';
import { hopLatencies } from './hops.js';
import { rawKafkaThroughput } from './raw-kafka.js';
import { kafkaPrincipals, kafkaSecretsFrom } from '../../platform/kafka-principals.js';
import { percentiles } from './stats.js';
import { assess, BROKER_CPU, DATABASE_CPU, type ChainResult } from './targets.js';
import { schoolClientToken } from './school-client-token.js';

const say = (line: string) => process.stderr.write(`[bench:chain] ${line}\n`);
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SETTINGS = {
  saturationSeconds: num('BENCH_SATURATION_SECONDS', 30),
  saturationConcurrency: num('BENCH_SATURATION_CONCURRENCY', 64),
  saturationMax: num('BENCH_SATURATION_MAX', 20_000),
  fixedSeconds: num('BENCH_FIXED_SECONDS', 20),
  rawMessages: num('BENCH_RAW_MESSAGES', 30_000),
  bulkRows: num('BENCH_SCHOOL_ROWS', 100_000),
  // Two minutes after two minutes: why in idleCpu's comment.
  idleSeconds: num('BENCH_IDLE_SECONDS', 120),
  idleSettleSeconds: num('BENCH_IDLE_SETTLE_SECONDS', 120),
};

/**
 * The run-with-test-infra process that started the broker and the database, if it did: the nearest ancestor running it
 * (the parent when run directly, further up under `npm run bench`). Only under it: elsewhere on the machine another
 * PostgreSQL or JVM may run.
 */
const testInfraPid = nearestAncestorRunning(process.pid, 'run-with-test-infra');

/**
 * CPU seconds each service (and this load generator) used between two snapshots: where the time goes. With the
 * broker and the database started by run-with-test-infra, theirs too ('postgres' with every backend, 'java' for
 * Kafka): the same two cores serve them.
 */
function cpuSnapshot(processes: ServiceProcess[]): Record<string, number> {
  const infrastructure = testInfraPid === undefined ? {} : descendantTreesCpuSeconds(testInfraPid, ['postgres', 'java']);
  return {
    ...Object.fromEntries(processes.map((p) => [p.name, p.cpuSeconds() ?? NaN])),
    'load generator': process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    ...(infrastructure.postgres !== undefined ? { [DATABASE_CPU]: infrastructure.postgres } : {}),
    ...(infrastructure.java !== undefined ? { [BROKER_CPU]: infrastructure.java } : {}),
  };
}
const cpuDelta = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.keys(a).map((k) => [k, Math.round((b[k]! - a[k]!) * 10) / 10]));

/**
 * Percent of one core each service used over `seconds` with nothing sent (its own timers, polls and fetches), after
 * `settleSeconds` with nothing sent. The settling is the warm-up's tail, not idle cost: its last events and relays, and
 * V8 finishing what the work left: it optimises the idle path's code a function at a time as it becomes hot, and the
 * memory reducer compacts the heap once allocation stops (`--trace-opt`, `--trace-gc`). That takes about two minutes
 * after the warm-up (one short run: 0.52-0.89% of a core per service in them, 0.32-0.49% in the two after; issue 19,
 * session 29), and a late collection (70-150 ms) still lands in the window at times: about 0.1% of a core over two
 * minutes, where over 30 s it was 0.2-0.5%, the size of the target.
 */
async function idleCpu(
  processes: ServiceProcess[],
  seconds: number,
  settleSeconds: number,
): Promise<{ seconds: number; settleSeconds: number; cpuPercent: Record<string, number>; settleCpuPercent: Record<string, number> }> {
  const started = cpuSnapshot(processes);
  await new Promise((r) => setTimeout(r, settleSeconds * 1000));
  const before = cpuSnapshot(processes);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const after = cpuSnapshot(processes);
  // Not rounded first: the kernel counts in 10 ms ticks, 0.03% of a core over 30 s and less over longer windows.
  const percent = (from: Record<string, number>, to: Record<string, number>, over: number) =>
    Object.fromEntries(processes.map((p) => [p.name, Math.round(((to[p.name]! - from[p.name]!) / over) * 10_000) / 100]));
  return { seconds, settleSeconds, cpuPercent: percent(before, after, seconds), settleCpuPercent: percent(started, before, settleSeconds) };
}

/** Latency from accepted (the 201) to task stored, and throughput from first request to last task. */
async function measure(label: string, load: PhaseLoad, rmcDb: string) {
  if (load.rejected) say(`${label}: ${load.rejected} requests not accepted (first: ${load.firstError})`);
  const stored = await taskStoredTimes(rmcDb, load.accepted);
  const latencies = load.accepted.flatMap((a) => (stored.has(a.id) ? [Math.max(0, stored.get(a.id)! - a.acceptedAt)] : []));
  const lastStored = Math.max(...stored.values());
  const result = {
    sent: load.accepted.length + load.rejected,
    accepted: load.accepted.length,
    notAccepted: load.rejected,
    tasksStored: stored.size,
    intakePerSecond: Math.round(load.accepted.length / ((load.endedAt - load.startedAt) / 1000)),
    endToEndPerSecond: Math.round(stored.size / ((lastStored - load.startedAt) / 1000)),
    latency: percentiles(latencies),
  };
  say(`${label}: ${JSON.stringify(result)}`);
  return result;
}

async function main(): Promise<void> {
  const postgres = postgresFromEnvironment();
  if (!postgres || !process.env.KAFKA_BROKERS)
    throw new Error('set KAFKA_BROKERS and DATABASE_URL (npm run bench does, through run-with-test-infra)');
  const brokers = process.env.KAFKA_BROKERS.split(',');
  const runId = Date.now().toString(36);
  const workDir = mkdtempSync(path.join(tmpdir(), 'estafette-bench-chain-'));
  const prefix = `b${runId}.`;
  say(`starting every service as a process (logs in ${workDir})`);
  const platform = await startProcessPlatform({
    workDir,
    postgres,
    kafkaBrokers: brokers,
    topicPrefix: prefix,
    dbPrefix: `bench_${runId}_`,
    required: ['identity', 'school', 'rmc', 'consent'],
    // The portal serves pages to people and the organisation directory answers offers and names; neither is on the
    // measured path (school API to RMC task), each would only add a process.
    exclude: ['portal', 'organisations'],
    env: { SCHOOL_INTAKE_RATE_LIMIT: '100000000', IDENTITY_TOKEN_RATE_LIMIT: '100000' },
    // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the services, to see where time goes.
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
    log: say,
  });
  const processes = [...platform.services.values()];
  const sampler = new MemorySampler(processes);
  sampler.start();
  try {
    const school = platform.services.get('school')!;
    const rmcDb = platform.databaseUrl('rmc');
    const token = await schoolClientToken(platform.issuer, platform.identityStateFile);
    const intake = new Intake(school.url, () => token, runId, 1_000);

    const partitions = topics.find((t) => t.name === 'estafette.uitschrijving')?.partitions ?? 6;
    say(`raw kafkajs baseline: ${SETTINGS.rawMessages} messages`);
    const raw = await rawKafkaThroughput(brokers, `${prefix}bench.raw`, {
      count: SETTINGS.rawMessages,
      partitions,
      sasl: kafkaPrincipals(kafkaSecretsFrom(process.env)).admin,
    });
    say(`raw: ${JSON.stringify(raw)}`);

    say('warm-up: 50/s for 5 s');
    await measure('warm-up', await intake.fixedRate(50, 5), rmcDb);
    sampler.mark();

    say(`idle: ${SETTINGS.idleSeconds} s with nothing sent, after ${SETTINGS.idleSettleSeconds} s for the warm-up's tail`);
    const idle = await idleCpu(processes, SETTINGS.idleSeconds, SETTINGS.idleSettleSeconds);
    say(`idle: ${JSON.stringify(idle)}`);

    say(`saturation: ${SETTINGS.saturationConcurrency} requests in flight for ${SETTINGS.saturationSeconds} s`);
    const statements = await statementProfile(postgres.url('postgres'), `bench_${runId}_`);
    const cpuBefore = cpuSnapshot(processes);
    const saturationStarted = Date.now();
    const saturation = await measure(
      'saturation',
      await intake.saturate(SETTINGS.saturationConcurrency, SETTINGS.saturationSeconds, SETTINGS.saturationMax),
      rmcDb,
    );
    const saturationCpu = {
      wallSeconds: Math.round((Date.now() - saturationStarted) / 100) / 10,
      cpuSeconds: cpuDelta(cpuBefore, cpuSnapshot(processes)),
    };
    say(`saturation CPU: ${JSON.stringify(saturationCpu)}`);
    const statementCosts = await statements?.stop(saturation.tasksStored);
    for (const s of statementCosts ?? []) say(`saturation statement: ${JSON.stringify(s)}`);
    // Each fixed rate starts on a bus every consumer has caught up on, so it measures its own rate, not the backlog.
    const lag = await BusLagReader.connect(brokers, kafkaPrincipals(kafkaSecretsFrom(process.env)).admin, prefix);
    const caughtUp = async () => say(`consumers caught up: ${JSON.stringify(await lag.waitUntilCaughtUp(60_000))}`);
    await caughtUp();
    say('fixed rate: 100/s');
    const load100 = await intake.fixedRate(100, SETTINGS.fixedSeconds);
    const at100 = {
      ...(await measure('100/s', load100, rmcDb)),
      hops: await hopLatencies(platform.databaseUrl('school'), rmcDb, load100.startedAt, load100.endedAt),
    };
    say(`100/s hops: ${JSON.stringify(at100.hops)}`);
    await caughtUp();
    const halfRate = Math.max(1, Math.round(saturation.endToEndPerSecond / 2));
    say(`fixed rate: ${halfRate}/s (50% of saturation)`);
    const atHalf = await measure('50%', await intake.fixedRate(halfRate, SETTINGS.fixedSeconds), rmcDb);
    await lag.close();
    const chainPeakRssMb = sampler.mark();

    say(`bulk import: ${SETTINGS.bulkRows} CSV rows to the school process`);
    let clientPeak = 0;
    const clientSampler = setInterval(() => (clientPeak = Math.max(clientPeak, process.memoryUsage().rss)), 100);
    const bulkStatements = await statementProfile(postgres.url('postgres'), `bench_${runId}_`);
    // Only for the server run-with-test-infra started here: another server's backend pids mean nothing in this /proc.
    const databaseCpu = () =>
      testInfraPid === undefined ? Promise.resolve(new Map()) : databaseCpuSnapshot(postgres.url('postgres'), `bench_${runId}_`);
    const databaseCpuBefore = await databaseCpu();
    const bulkCpuBefore = cpuSnapshot(processes);
    const bulkStartedAt = Date.now();
    // A failed import (e.g. the server's 300 s request timeout on a very busy machine) must not lose the chain's numbers.
    const bulk = await bulkImport(
      school.url,
      await schoolClientToken(platform.issuer, platform.identityStateFile),
      SETTINGS.bulkRows,
      runId,
      { every: 10_000, report: (rows, ms) => say(`bulk: ${rows} rows answered after ${ms} ms`) },
    ).catch((error: Error) => ({
      rows: SETTINGS.bulkRows,
      seconds: NaN,
      rowsPerSecond: NaN,
      firstResultAfterMs: NaN,
      accepted: 0,
      duplicate: 0,
      rejected: 0,
      error: error.message,
    }));
    clearInterval(clientSampler);
    const bulkCpuSeconds = cpuDelta(bulkCpuBefore, cpuSnapshot(processes));
    const bulkDatabaseCpuSeconds = databaseCpuDelta(databaseCpuBefore, await databaseCpu());
    const bulkPeaks = sampler.mark();
    say(`bulk: ${JSON.stringify(bulk)}`);
    say(`bulk CPU: ${JSON.stringify(bulkCpuSeconds)}`);
    say(`bulk CPU of each database's backends: ${JSON.stringify(bulkDatabaseCpuSeconds)}`);
    // Every accepted row is a vsv case (bulk-import.ts's rows), so each gets a task.
    const bulkTasks = await importTasks(rmcDb, bulkStartedAt, bulk.accepted);
    say(`bulk tasks: ${JSON.stringify(bulkTasks)}`);
    const bulkStatementCosts = await bulkStatements?.stop(SETTINGS.bulkRows);
    for (const s of bulkStatementCosts ?? []) say(`bulk statement: ${JSON.stringify(s)}`);

    const result: ChainResult = {
      settings: SETTINGS,
      services: processes.map((p) => p.name),
      skippedServices: platform.skipped,
      rawKafka: raw,
      saturation: { ...saturation, cpu: saturationCpu, ...(statementCosts ? { statements: statementCosts } : {}) },
      idle,
      fixed100: at100,
      fixedHalf: { ratePerSecond: halfRate, ...atHalf },
      ratioPlatformToRaw: Math.round((saturation.endToEndPerSecond / raw.endToEndPerSecond) * 1000) / 1000,
      peakRssMb: { duringChain: chainPeakRssMb, lifetime: sampler.lifetimePeaks() },
      bulkImport: {
        ...bulk,
        tasks: bulkTasks,
        cpuSeconds: bulkCpuSeconds,
        databaseCpuSeconds: bulkDatabaseCpuSeconds,
        schoolServicePeakRssMb: bulkPeaks.school ?? NaN,
        clientPeakRssMb: Math.round(clientPeak / 1024 / 1024),
        ...(bulkStatementCosts ? { statements: bulkStatementCosts } : {}),
      },
    };
    const report = { name: 'chain: school API to RMC task, every service a process', ...assess(result), detail: result };
    const json = JSON.stringify(report, null, 2);
    if (process.env.BENCH_RESULT_FILE) writeFileSync(process.env.BENCH_RESULT_FILE, json);
    else process.stdout.write(`${json}\n`);
  } finally {
    sampler.stop();
    await platform.stop();
    if (!process.env.BENCH_KEEP_LOGS) rmSync(workDir, { recursive: true, force: true });
    else say(`logs kept in ${workDir}`);
  }
}

await main();
process.exit(0);
