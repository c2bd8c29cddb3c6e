// Fetches the pinned Apache Kafka broker jars from Maven Central into a cache outside git.
// Maven is the only client that reaches the jars here (no Docker, no Apache mirror), so pom.xml
// next to this file is a dependency list and nothing else.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Newest Kafka whose protocol kafkajs 2.2.4 still speaks end to end (measured by
 * kafkajs-compat.test.ts: produce, consumer groups, offset commits, rebalance).
 * Kafka 4.0.0 removed old protocol versions (KIP-896) and broke kafkajs' JoinGroup v0/v1;
 * 4.0.1 restored them. See README.md for what was tried.
 */
export const KAFKA_VERSION = '4.4.0';

// Renamed whenever pom.xml gains a jar, so a cache fetched before is fetched again (2: kafka-tools).
const COMPLETE_MARKER = '.complete-2';

export function kafkaCacheDir(version = KAFKA_VERSION): string {
  const root = process.env.ESTAFETTE_CACHE_DIR || path.join(os.homedir(), '.cache', 'estafette');
  return path.join(root, 'kafka', version);
}

/** Returns the directory holding every jar the broker needs; downloads them on first use only. */
export async function ensureKafkaJars(log: (line: string) => void = () => {}): Promise<string> {
  const libs = path.join(kafkaCacheDir(), 'libs');
  if (existsSync(path.join(libs, COMPLETE_MARKER))) return libs;

  // A libs dir without the marker is a download that died half-way: start over.
  await rm(libs, { recursive: true, force: true });
  await mkdir(path.dirname(libs), { recursive: true });
  // Download into a private dir and rename it into place with the marker already inside, so a
  // parallel caller (two jest workers) never sees a partial libs dir and never deletes ours.
  const staging = `${libs}.partial-${process.pid}-${Date.now()}`;
  const started = Date.now();
  log(`fetching Kafka ${KAFKA_VERSION} jars from Maven Central (first run only)...`);
  try {
    await runMaven(staging);
    await writeFile(path.join(staging, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
    await rename(staging, libs).catch(async (err: NodeJS.ErrnoException) => {
      if (!existsSync(path.join(libs, COMPLETE_MARKER))) throw err; // someone else finished first otherwise
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  log(`Kafka ${KAFKA_VERSION} jars cached in ${libs} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return libs;
}

function findPom(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Sources run from infra/kafka, the build from infra/dist/kafka; pom.xml is not copied to dist.
  const candidates = [path.join(here, 'pom.xml'), path.resolve(here, '../../kafka/pom.xml')];
  const pom = candidates.find((p) => existsSync(p));
  if (!pom) throw new Error(`infra/kafka/pom.xml not found (looked in ${candidates.join(', ')})`);
  return pom;
}

function runMaven(outputDir: string): Promise<void> {
  const args = [
    '-q',
    '-B',
    '-Dstyle.color=never',
    '-f',
    findPom(),
    `-Dkafka.version=${KAFKA_VERSION}`,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${outputDir}`,
  ];
  return new Promise((resolve, reject) => {
    const mvn = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    mvn.stdout.on('data', keep);
    mvn.stderr.on('data', keep);
    mvn.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new Error(
              'Maven (mvn) not found on PATH: it fetches the Kafka broker jars once. Install Maven 3.8+ (e.g. `apt-get install maven`) and Java 17.',
            )
          : err,
      ),
    );
    mvn.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `mvn dependency:copy-dependencies failed (exit ${code}) fetching Kafka ${KAFKA_VERSION} from Maven Central. ` +
                `Check network access to repo.maven.apache.org (or your ~/.m2/settings.xml mirror).\n${output.trim()}`,
            ),
          ),
    );
  });
}
