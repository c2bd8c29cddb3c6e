// The platform as fault tests need it: a real broker and PostgreSQL this suite owns (so it can stop and
// start them), and the services as real processes (so they can be killed with SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabases, freePort, provisionTopics, startEmbeddedPostgres, startKafka, type KafkaBroker, type PostgresServer } from '@estafette/infra';
import { deadLetterTopics, topics } from '@estafette/contracts';
import { startTestIssuer, uniqueTopicPrefix, type TestIssuer } from '@estafette/testing';
import { Kafka, logLevel } from 'kafkajs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const say = (line: string) => process.stderr.write(`[faults] ${line}\n`);

/** Every child this module started, so nothing outlives the suite, whatever failed. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A PostgreSQL server on a fixed port and data directory, so it can be stopped and started again. */
export class RestartablePostgres {
  private server?: PostgresServer;
  private constructor(readonly dataDir: string, readonly port: number) {}

  static async start(dataDir: string): Promise<RestartablePostgres> {
    const pg = new RestartablePostgres(dataDir, await freePort());
    await pg.start();
    return pg;
  }

  async start(): Promise<void> {
    this.server = await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.port, log: say });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }

  url(database: string): string {
    return `postgres://postgres:estafette-local@127.0.0.1:${this.port}/${database}`;
  }

  async ensure(databases: string[]): Promise<void> {
    await ensureDatabases({ embedded: true, url: (d) => this.url(d), stop: async () => {} }, databases);
  }
}

/** A single-node Kafka on fixed ports and data directory: stop() and start() is a broker restart. */
export class RestartableKafka {
  private broker?: KafkaBroker;
  private constructor(readonly dataDir: string, readonly port: number, readonly controllerPort: number) {}

  static async start(dataDir: string): Promise<RestartableKafka> {
    const port = await freePort();
    let controllerPort = await freePort();
    while (controllerPort === port) controllerPort = await freePort();
    const kafka = new RestartableKafka(dataDir, port, controllerPort);
    await kafka.start();
    return kafka;
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  async start(): Promise<void> {
    this.broker = await startKafka({ dataDir: this.dataDir, port: this.port, controllerPort: this.controllerPort, log: say });
  }

  async stop(): Promise<void> {
    const broker = this.broker;
    this.broker = undefined;
    await broker?.stop();
  }
}

export interface ServiceSpec {
  name: 'school' | 'rmc';
  env: NodeJS.ProcessEnv;
  port: number;
}

/** One service as a real process: `node services/<name>/dist/main.js`, its output in a log file. */
export class ServiceProcess {
  private child?: ChildProcess;
  private log: WriteStream;
  readonly url: string;

  constructor(private readonly spec: ServiceSpec, logFile: string) {
    this.url = `http://127.0.0.1:${spec.port}`;
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const dir = path.join(repoRoot, 'services', this.spec.name);
    this.log.write(`--- start ${new Date().toISOString()}\n`);
    const child = spawn(process.execPath, [path.join(dir, 'dist/main.js')], { cwd: dir, env: this.spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    child.on('exit', () => live.delete(child));
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    this.child = child;
    await this.waitHealthy(90_000);
  }

  async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.spec.name} exited (${this.child?.exitCode ?? this.child?.signalCode}) before it was healthy; see its log`);
      try {
        const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return;
        last = `${res.status} ${await res.text()}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.spec.name} not healthy within ${timeoutMs / 1000} s: ${last}`);
  }

  /** kill -9: no shutdown hook runs, nothing in flight is committed. */
  async kill9(): Promise<void> {
    await this.signal('SIGKILL', 0);
  }

  /** SIGTERM, then SIGKILL when it does not exit within 15 s. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM', 15_000);
  }

  private async signal(sig: NodeJS.Signals, graceMs: number): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(sig);
    const killer = graceMs ? setTimeout(() => child.kill('SIGKILL'), graceMs) : undefined;
    await exited;
    clearTimeout(killer);
  }

  close(): void {
    this.log.end();
  }
}

export interface FaultPlatform {
  kafka: RestartableKafka;
  postgres: RestartablePostgres;
  /** The RMC's own server when requested (database outage scenario), else the shared one. */
  rmcPostgres: RestartablePostgres;
  issuer: TestIssuer;
  prefix: string;
  school: ServiceProcess;
  rmc: ServiceProcess;
  workDir: string;
  admin(): Kafka;
  close(): Promise<void>;
}

/**
 * Broker, PostgreSQL (one, or a second one just for the RMC), a token issuer, the topics under a fresh
 * prefix, and the school and RMC processes, healthy. close() stops all of it; call it in afterAll.
 */
export async function startFaultPlatform(label: string, opts: { ownRmcPostgres?: boolean } = {}): Promise<FaultPlatform> {
  const workDir = mkdtempSync(path.join(tmpdir(), `estafette-faults-${label}-`));
  chmodSync(workDir, 0o755); // run as root, PostgreSQL runs as the 'postgres' user and must enter it
  const stops: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        say(`while stopping: ${(error as Error).message}`);
      }
    }
    if (process.env.FAULTS_KEEP_LOGS) say(`logs kept in ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  };
  try {
    // Started side by side; whatever did start is stopped again when another part fails.
    const [k, p, i] = await Promise.allSettled([
      RestartableKafka.start(path.join(workDir, 'kafka')),
      RestartablePostgres.start(path.join(workDir, 'postgres')),
      startTestIssuer(),
    ]);
    if (k.status === 'fulfilled') stops.push(() => k.value.stop());
    if (p.status === 'fulfilled') stops.push(() => p.value.stop());
    if (i.status === 'fulfilled') stops.push(() => i.value.close());
    for (const r of [k, p, i]) if (r.status === 'rejected') throw r.reason;
    const [kafka, postgres, issuer] = [(k as PromiseFulfilledResult<RestartableKafka>).value, (p as PromiseFulfilledResult<RestartablePostgres>).value, (i as PromiseFulfilledResult<TestIssuer>).value];
    let rmcPostgres = postgres;
    if (opts.ownRmcPostgres) {
      rmcPostgres = await RestartablePostgres.start(path.join(workDir, 'postgres-rmc'));
      stops.push(() => rmcPostgres.stop());
    }
    await postgres.ensure(['school', 'rmc']);
    if (rmcPostgres !== postgres) await rmcPostgres.ensure(['rmc']);
    const prefix = uniqueTopicPrefix();
    await provisionTopics(kafka.brokers, [...topics], { prefix, log: () => {} });

    const [schoolPort, rmcPort] = [await freePort(), await freePort()];
    const common: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      ...issuer.env,
      DATABASE_URL: postgres.url('postgres'),
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
    };
    const school = new ServiceProcess(
      { name: 'school', port: schoolPort, env: { ...common, SCHOOL_PORT: String(schoolPort), SCHOOL_PSEUDONYM_SECRET: 'fault-test-secret-of-at-least-thirty-two-bytes', SCHOOL_INTAKE_RATE_LIMIT: '1000000' } },
      path.join(workDir, 'school.log'),
    );
    const rmc = new ServiceProcess(
      { name: 'rmc', port: rmcPort, env: { ...common, RMC_PORT: String(rmcPort), RMC_DATABASE_URL: rmcPostgres.url('rmc'), RMC_TIMER_INTERVAL_MS: '60000' } },
      path.join(workDir, 'rmc.log'),
    );
    // Stopped before the broker and databases (pushed last, so they run first).
    stops.push(() => school.stop(), () => school.close());
    stops.push(() => rmc.stop(), () => rmc.close());
    const started = await Promise.allSettled([school.start(), rmc.start()]);
    for (const r of started) if (r.status === 'rejected') throw r.reason;
    return {
      kafka, postgres, rmcPostgres, issuer, prefix, school, rmc, workDir,
      admin: () => new Kafka({ clientId: `faults-${label}`, brokers: kafka.brokers, logLevel: logLevel.NOTHING }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Every dead-letter topic under the prefix with how many records it holds. */
export async function deadLetterCounts(platform: FaultPlatform): Promise<Record<string, number>> {
  const admin = platform.admin().admin();
  await admin.connect();
  try {
    const counts: Record<string, number> = {};
    for (const d of deadLetterTopics) {
      const offsets = await admin.fetchTopicOffsets(`${platform.prefix}${d.name}`);
      counts[d.name] = offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
    }
    return counts;
  } finally {
    await admin.disconnect();
  }
}
