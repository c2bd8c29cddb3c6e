#!/usr/bin/env node
// `npm run demo`: plays a school year for region MC21 (Agglomeratie Amsterdam, its real municipalities) against the platform `npm start` runs, through its
// real HTTP APIs with real tokens. Options: --size N (young people, default 2000), --seed N, --run-id X.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { today as amsterdamToday } from '@estafette/calendar';
import { discoverServices, platformDataDir, repoRoot } from '@estafette/infra';
import { PlatformClient, type Endpoints, type ServiceName } from './platform-client.js';
import { playDemo } from './play.js';
import { demoRegion } from './demo-region.js';
import { demoScenario, plannedCounts } from './scenario.js';
import { printSummary, seedOf } from './summary.js';

const say = (line: string) => process.stdout.write(`[demo] ${line}\n`);
const fail = (message: string): never => {
  process.stderr.write(`[demo] ${message}\n`);
  process.exit(1);
};

const { values } = parseArgs({
  options: { size: { type: 'string' }, seed: { type: 'string' }, 'run-id': { type: 'string' }, concurrency: { type: 'string' } },
});
const size = Number(values.size ?? process.env.DEMO_SIZE ?? 2000);
const runId = values['run-id'] ?? Date.now().toString(36);
const seed = values.seed ? Number(values.seed) : seedOf(runId);
if (!Number.isInteger(size) || size < 1) fail('--size must be a positive whole number');

// Where npm start listens: the services' own ports (or <SERVICE>_PORT as npm start got it).
const needed: ServiceName[] = ['identity', 'school', 'rmc', 'werk-inkomen', 'zorg', 'consent', 'monitor'];
const described = discoverServices(repoRoot);
const endpoints = Object.fromEntries(
  needed.map((name) => {
    const s = described.find((d) => d.name === name);
    const port = process.env[`${name.toUpperCase().replace(/-/g, '_')}_PORT`] ?? s?.port;
    return [name, `http://127.0.0.1:${port}`];
  }),
) as Endpoints;

const down: string[] = [];
for (const name of needed) {
  const ok = await fetch(`${endpoints[name]}/health`, { signal: AbortSignal.timeout(3000) }).then(
    (r) => r.ok,
    () => false,
  );
  if (!ok) down.push(`${name} (${endpoints[name]})`);
}
if (down.length)
  fail(
    `the platform is not up: no healthy answer from ${down.join(', ')}. Start it with \`npm start\` in another terminal, wait for "platform is up", then run \`npm run demo\` again.`,
  );

const dataDir = platformDataDir(repoRoot);
const stateFile = process.env.IDENTITY_STATE_FILE ?? path.join(dataDir, 'identity', 'dev-state.json');
const secretsFile = path.join(dataDir, 'dev-secrets.json');
if (!existsSync(stateFile) || !existsSync(secretsFile))
  fail(
    `no demo secrets in ${dataDir} (dev-secrets.json, identity/dev-state.json): is this the data directory of the running npm start? Set ESTAFETTE_DATA_DIR as it was set there.`,
  );
const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { clientSecrets: Record<string, string>; demoPassword: string };
const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as { SCHOOL_PSEUDONYM_SECRET: string };

const today = amsterdamToday();
const region = demoRegion();
const people = demoScenario({ seed, size, today, region });
say(
  `run ${runId} (seed ${seed}): ${size} young people leaving school in the school year before ${today}, region ${region.code} ${region.name} (${region.municipalities.length} municipalities)`,
);
const started = Date.now();
const tally = await playDemo(new PlatformClient(endpoints, state), people, {
  runId,
  today,
  pseudonymSecret: process.env.SCHOOL_PSEUDONYM_SECRET ?? secrets.SCHOOL_PSEUDONYM_SECRET,
  concurrency: values.concurrency ? Number(values.concurrency) : undefined,
  log: say,
});
printSummary(say, plannedCounts(people), tally, (Date.now() - started) / 1000, endpoints);
