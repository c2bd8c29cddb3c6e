// A Node process killed with SIGKILL runs no handlers: only the watchdog can stop its JVM.
// This spawns a real Node child that starts Kafka, kills it -9 and checks the JVM goes too.
import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';
import { ensureKafkaJars } from './fetch-kafka.js';
import { startKafka } from './kafka-broker.js';

const kafkaDir = path.dirname(fileURLToPath(import.meta.url));
// Inside the repo's node_modules so the compiled child still resolves kafkajs; node has no TS loader here.
const childDir = path.resolve(kafkaDir, '../../node_modules/.cache', `estafette-no-orphan-${process.pid}`);
let dataRoot: string;

beforeAll(async () => {
  await ensureKafkaJars(); // the child must not spend its time downloading
  dataRoot = await mkdtemp(path.join(os.tmpdir(), 'estafette-no-orphan-'));
  await mkdir(childDir, { recursive: true });
  for (const name of ['kafka-broker', 'fetch-kafka']) {
    const { code } = await transformFile(path.join(kafkaDir, `${name}.ts`), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    });
    await writeFile(path.join(childDir, `${name}.js`), code);
  }
  await copyFile(path.join(kafkaDir, 'pom.xml'), path.join(childDir, 'pom.xml'));
  await writeFile(
    path.join(childDir, 'child.mjs'),
    `
    import { startKafka } from './kafka-broker.js';
    const broker = await startKafka({ dataDir: process.argv[2], log: () => {}, admin: { username: 'estafette-admin', password: 'no-orphan-test-admin-password' }, users: [] });
    console.log(JSON.stringify({ jvmPid: broker.jvmPid }));
    setInterval(() => {}, 60_000);
  `,
  );
}, 180_000);

afterAll(async () => {
  await rm(childDir, { recursive: true, force: true });
  await rm(dataRoot, { recursive: true, force: true });
});

async function isRunningKafka(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat) && cmdline.includes('kafka.Kafka');
  } catch {
    return false; // no such process
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (await isRunningKafka(pid)) {
    if (Date.now() - started > timeoutMs) throw new Error(`Kafka JVM ${pid} still running ${timeoutMs} ms later`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

describe('no orphan Kafka JVM', () => {
  test('the JVM dies within seconds when its Node parent is killed with SIGKILL', async () => {
    const child = spawn(process.execPath, [path.join(childDir, 'child.mjs'), path.join(dataRoot, 'killed')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const jvmPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line).jvmPid);
      });
      child.on('exit', (code) => reject(new Error(`child exited (${code}) before Kafka was up`)));
    });
    expect(await isRunningKafka(jvmPid)).toBe(true);

    child.kill('SIGKILL');
    await waitUntilGone(jvmPid, 8_000);
    expect(await isRunningKafka(jvmPid)).toBe(false);
  }, 120_000);

  test('stop() ends the JVM', async () => {
    const broker = await startKafka({
      dataDir: path.join(dataRoot, 'stopped'),
      log: () => {},
      admin: { username: 'estafette-admin', password: 'no-orphan-test-admin-password' },
      users: [],
    });
    expect(await isRunningKafka(broker.jvmPid)).toBe(true);
    await broker.stop();
    expect(await isRunningKafka(broker.jvmPid)).toBe(false);
  }, 120_000);
});
