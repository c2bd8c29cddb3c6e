// The school's CPU per accepted POST /uitschrijvingen, alone: what the HTTP stack (Nest and its adapter), the token
// check, validation and the intake statement cost, without the rest of the chain. Run with the test infra:
//   node libs/testing/dist/run-with-test-infra.js node infra/dist/bench/intake-cpu.js
// Starts identity and the school as processes the way the chain bench does (startProcessPlatform), warms up, then per
// round posts INTAKE_CPU_POSTS valid uitschrijvingen with INTAKE_CPU_CONCURRENCY in flight and reads the school's CPU
// time from /proc/<pid>/stat before and after (a pause after the last answer lets the outbox relay publish the round).
// No RMC or consent runs, so the school consumes no answers: its CPU is the intake and the relay's publishing.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { postgresFromEnvironment } from '../postgres/postgres-server.js';
import { startProcessPlatform } from '../platform/process-platform.js';
import { Intake } from './chain/intake.js';
import { schoolClientToken } from './chain/school-client-token.js';

const say = (line: string) => process.stderr.write(`[bench:intake-cpu] ${line}\n`);
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SETTINGS = {
  posts: num('INTAKE_CPU_POSTS', 5_000),
  rounds: num('INTAKE_CPU_ROUNDS', 3),
  concurrency: num('INTAKE_CPU_CONCURRENCY', 16),
  warmUp: num('INTAKE_CPU_WARM_UP', 1_000),
};

const clientCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function main(): Promise<void> {
  const postgres = postgresFromEnvironment();
  if (!postgres || !process.env.KAFKA_BROKERS) throw new Error('set KAFKA_BROKERS and DATABASE_URL (run it under run-with-test-infra)');
  const runId = Date.now().toString(36);
  const workDir = mkdtempSync(path.join(tmpdir(), 'estafette-intake-cpu-'));
  const platform = await startProcessPlatform({
    workDir,
    postgres,
    kafkaBrokers: process.env.KAFKA_BROKERS.split(','),
    topicPrefix: `i${runId}.`,
    dbPrefix: `intake_${runId}_`,
    required: ['identity', 'school'],
    only: ['identity', 'school'],
    env: { SCHOOL_INTAKE_RATE_LIMIT: '100000000', IDENTITY_TOKEN_RATE_LIMIT: '100000' },
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
    log: say,
  });
  try {
    const school = platform.services.get('school')!;
    const token = await schoolClientToken(platform.issuer, platform.identityStateFile);
    const intake = new Intake(school.url, () => token, runId, 0);
    say(`warm-up: ${SETTINGS.warmUp} posts`);
    const warm = await intake.saturate(SETTINGS.concurrency, 600, SETTINGS.warmUp);
    if (warm.rejected) throw new Error(`warm-up: ${warm.rejected} not accepted (first: ${warm.firstError})`);
    await new Promise((r) => setTimeout(r, 3_000));
    const rounds = [];
    for (let round = 1; round <= SETTINGS.rounds; round++) {
      const load = loadavg()[0]!;
      const before = { school: school.cpuSeconds()!, client: clientCpuSeconds() };
      const phase = await intake.saturate(SETTINGS.concurrency, 600, SETTINGS.posts);
      const wallSeconds = (phase.endedAt - phase.startedAt) / 1000;
      await new Promise((r) => setTimeout(r, 2_000)); // the relay publishes the round's last outbox rows
      const schoolCpu = school.cpuSeconds()! - before.school;
      const result = {
        round,
        accepted: phase.accepted.length,
        notAccepted: phase.rejected,
        perSecond: Math.round(phase.accepted.length / wallSeconds),
        schoolCpuSeconds: Math.round(schoolCpu * 100) / 100,
        schoolCpuMsPerPost: Math.round((schoolCpu / phase.accepted.length) * 1e6) / 1e3,
        clientCpuSeconds: Math.round((clientCpuSeconds() - before.client) * 100) / 100,
        loadAverageBefore: Math.round(load * 100) / 100,
      };
      if (phase.rejected) say(`round ${round}: first not accepted: ${phase.firstError}`);
      say(JSON.stringify(result));
      rounds.push(result);
    }
    const perPost = rounds.map((r) => r.schoolCpuMsPerPost).sort((a, b) => a - b);
    process.stdout.write(
      `${JSON.stringify({ settings: SETTINGS, rounds, medianSchoolCpuMsPerPost: perPost[Math.floor(perPost.length / 2)] }, null, 2)}\n`,
    );
  } finally {
    await platform.stop();
    if (!process.env.BENCH_KEEP_LOGS) rmSync(workDir, { recursive: true, force: true });
    else say(`logs kept in ${workDir}`);
  }
}

await main();
process.exit(0);
