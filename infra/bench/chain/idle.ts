// Idle cost of every service (run with KAFKA_BROKERS and DATABASE_URL, as `npm run bench` does): start them all as
// processes, let them settle, then measure each one's CPU over BENCH_IDLE_SECONDS (default 60) with no work at all.
// `node dist/bench/chain/idle.js` under run-with-test-infra; prints one JSON object, percent of one core per service.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postgresFromEnvironment } from '../../postgres/postgres-server.js';
import { startProcessPlatform } from '../../platform/process-platform.js';
import { idleCpuPercent } from '../../platform/idle-cpu.js';

const say = (line: string) => process.stderr.write(`[bench:idle] ${line}\n`);

async function main(): Promise<void> {
  const postgres = postgresFromEnvironment();
  if (!postgres || !process.env.KAFKA_BROKERS) throw new Error('set KAFKA_BROKERS and DATABASE_URL (run-with-test-infra does)');
  const seconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
  const runId = Date.now().toString(36);
  const workDir = mkdtempSync(path.join(tmpdir(), 'estafette-bench-idle-'));
  const platform = await startProcessPlatform({
    workDir,
    postgres,
    kafkaBrokers: process.env.KAFKA_BROKERS.split(','),
    topicPrefix: `i${runId}.`,
    dbPrefix: `idle_${runId}_`,
    required: ['identity', 'school', 'rmc', 'consent'],
    exclude: ['portal', 'organisations'],
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
    log: say,
  });
  try {
    say('settling for 20 s (group joins, first timer rounds)');
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    say(`measuring ${seconds} s of idle`);
    const processes = [...platform.services.values()];
    const percents = await Promise.all(processes.map((p) => idleCpuPercent(p.pid!, seconds)));
    const result = Object.fromEntries(processes.map((p, i) => [p.name, Math.round(percents[i]! * 100) / 100]));
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await platform.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  say(error.stack ?? error.message);
  process.exit(1);
});
