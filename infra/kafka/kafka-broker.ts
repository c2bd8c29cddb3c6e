// Runs a real single-node Apache Kafka (KRaft) broker as a child JVM: no Docker on these machines.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ensureKafkaJars, KAFKA_VERSION } from './fetch-kafka.js';

/** A SCRAM principal: user name and password. */
export interface KafkaScramUser {
  username: string;
  password: string;
}

export interface KafkaBroker {
  brokers: string[];
  /** The super user the broker runs as (SCRAM-SHA-512 on the client listener). */
  admin: KafkaScramUser;
  port: number;
  /** pid of the broker JVM (for diagnostics and the no-orphan test) */
  jvmPid: number;
  logFile: string;
  stop(): Promise<void>;
}

export interface StartKafkaOptions {
  dataDir: string;
  /** 0 or undefined: a free port, so tests never collide with `npm start` or a local 9092 */
  port?: number;
  controllerPort?: number;
  log?: (line: string) => void;
  /**
   * The broker's own principal, its only super user (inter-broker traffic, ACL changes). Keep it the same for a
   * data dir: it is stored in the cluster metadata at the first start.
   */
  admin: KafkaScramUser;
  /** Every other principal; a new one or a changed password is applied on the next start too. */
  users: KafkaScramUser[];
}

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

// The JVM runs under this bash watchdog. Its stdin is a pipe from Node: when Node dies in any way,
// SIGKILL included, the pipe hits EOF and the watchdog stops the JVM. An exit handler alone cannot
// cover SIGKILL, and polling the parent pid would race with pid reuse.
const WATCHDOG = `
exec 3<&0
"$@" </dev/null 3<&- &
jvm=$!
echo "$jvm" > "$KAFKA_PID_FILE"
( while read -r _ <&3; do :; done
  kill -TERM "$jvm" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$jvm" 2>/dev/null || exit 0; sleep 0.2; done
  kill -KILL "$jvm" 2>/dev/null ) &
guard=$!
exec 3<&-
trap 'kill -TERM "$jvm" 2>/dev/null' TERM INT
wait "$jvm"; status=$?
kill -0 "$jvm" 2>/dev/null && { wait "$jvm"; status=$?; }
kill "$guard" 2>/dev/null
exit "$status"
`;

export async function startKafka(opts: StartKafkaOptions): Promise<KafkaBroker> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`[kafka] ${line}\n`));
  assertJava17();
  const libs = await ensureKafkaJars(log);
  const port = await resolvePort(opts.port, 'port');
  const controllerPort = await resolvePort(opts.controllerPort, 'controllerPort', port);

  const dataDir = path.resolve(opts.dataDir);
  const logDirs = path.join(dataDir, 'data');
  await mkdir(logDirs, { recursive: true });
  const propsFile = path.join(dataDir, 'server.properties');
  const log4jFile = path.join(dataDir, 'log4j2.properties');
  const logFile = path.join(dataDir, 'broker.log');
  const pidFile = path.join(dataDir, 'kafka.pid');
  // Rewritten on every start because free ports change; node.id and cluster id live in meta.properties.
  // Holds the admin's password: readable by its owner only.
  await writeFile(propsFile, serverProperties({ port, controllerPort, logDirs, admin: opts.admin }), { mode: 0o600 });
  await writeFile(log4jFile, LOG4J2);

  const classpath = `${libs}/*`;
  const jvmArgs = [
    '-Xms128m',
    '-Xmx512m',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    // log4j's own shutdown hook would stop logging before Kafka's controlled shutdown is logged
    '-Dlog4j2.shutdownHookEnabled=false',
    `-Dlog4j2.configurationFile=${log4jFile}`,
    '-cp',
    classpath,
  ];

  const principals = [opts.admin, ...opts.users];
  const appliedFile = path.join(dataDir, 'scram-users.json');
  if (!existsSync(path.join(logDirs, 'meta.properties'))) {
    const clusterId = newClusterId();
    // SCRAM credentials go into the bootstrap metadata: the broker knows every principal from its first start.
    const scram = principals.flatMap((u) => ['--add-scram', `SCRAM-SHA-512=[name=${u.username},password=${u.password}]`]);
    const format = spawnSync(
      'java',
      [...jvmArgs, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propsFile, '--ignore-formatted', ...scram],
      { encoding: 'utf8' },
    );
    if (format.status !== 0) {
      // The tool's output echoes the credentials: show only its last line.
      const last = (format.stdout + format.stderr).trim().split('\n').slice(-1)[0];
      throw new Error(
        `Kafka storage format failed in ${logDirs} (exit ${format.status}): ${last}\n` +
          `Delete ${dataDir} if it is left over from another Kafka version.`,
      );
    }
    await writeFile(appliedFile, JSON.stringify(fingerprints(principals), null, 2), { mode: 0o600 });
  } else if (!existsSync(appliedFile)) {
    throw new Error(
      `Kafka data in ${dataDir} was made by a broker without SASL (before the broker had principals): it has no admin ` +
        `credential to start from. Delete ${dataDir} (topics are provisioned again at start) and start again.`,
    );
  }

  const started = Date.now();
  log(`starting Kafka ${KAFKA_VERSION} on 127.0.0.1:${port} (controller ${controllerPort}), data in ${dataDir}`);
  const out = openSync(logFile, 'w');
  const wrapper = spawn('bash', ['-c', WATCHDOG, 'kafka-watchdog', 'java', ...jvmArgs, 'kafka.Kafka', propsFile], {
    stdio: ['pipe', out, out],
    detached: true, // own process group: stop() signals watchdog and JVM together
    env: { ...process.env, KAFKA_PID_FILE: pidFile },
  });
  closeSync(out);
  const exited = new Promise<number | null>((resolve) => wrapper.on('exit', (code) => resolve(code)));
  wrapper.on('error', () => {}); // surfaced through `exited` / readiness failure
  liveWrappers.add(wrapper);
  installExitHandlers();

  const brokers = [`127.0.0.1:${port}`];
  try {
    await waitUntilReady(brokers, opts.admin, exited);
    await applyChangedScramUsers({ jvmArgs, brokers, dataDir, appliedFile, admin: opts.admin, users: opts.users, log });
  } catch (err) {
    await stopWrapper(wrapper, exited);
    throw new Error(`${(err as Error).message}\n${diagnose(logFile, port, controllerPort)}`, { cause: err });
  }
  log(`Kafka ready on ${brokers[0]} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  let stopping: Promise<void> | undefined;
  return {
    brokers,
    admin: opts.admin,
    port,
    jvmPid: Number(readFileSync(pidFile, 'utf8').trim()),
    logFile,
    stop: () => (stopping ??= stopWrapper(wrapper, exited)),
  };
}

function serverProperties(p: { port: number; controllerPort: number; logDirs: string; admin: KafkaScramUser }): string {
  const { username, password } = p.admin;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${p.controllerPort}`,
    // Clients authenticate with SCRAM-SHA-512 (credentials in the cluster metadata). The controller listener cannot
    // use SCRAM (the metadata is not there yet when it starts): PLAIN with the admin alone, defined right here.
    `listeners=SASL_PLAINTEXT://127.0.0.1:${p.port},CONTROLLER://127.0.0.1:${p.controllerPort}`,
    `advertised.listeners=SASL_PLAINTEXT://127.0.0.1:${p.port}`,
    'listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=SASL_PLAINTEXT',
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";`,
    'sasl.mechanism.controller.protocol=PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    `listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${username}" password="${password}" user_${username}="${password}";`,
    // Deny what no ACL allows; only the admin passes every check (ACLs: infra/topics/provision-acls.ts).
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found=false',
    `super.users=User:${username}`,
    `log.dirs=${p.logDirs}`,
    'num.partitions=1',
    // single node: with the default factor 3 the group coordinator never appears
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1', // faster first group join, one broker serves them all anyway
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'min.insync.replicas=1',
    'group.initial.rebalance.delay.ms=0',
    // topics come from provisionTopics(): a typo in a topic name must fail, not create a topic
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

const LOG4J2 = `status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = out
logger.kafka.name = kafka
logger.kafka.level = info
logger.state.name = state.change.logger
logger.state.level = warn
`;

function assertJava17(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error('Java not found on PATH: the Kafka broker is a JVM. Install Java 17 (e.g. `apt-get install openjdk-17-jre-headless`).');
  }
  const major = Number(/version "(?:1\.)?(\d+)/.exec(probe.stderr)?.[1] ?? 0);
  if (major < 17) throw new Error(`Kafka ${KAFKA_VERSION} needs Java 17 or newer, found: ${probe.stderr.split('\n')[0]}. Install Java 17.`);
}

async function resolvePort(requested: number | undefined, name: string, avoid?: number): Promise<number> {
  if (requested) {
    if (!(await isPortFree(requested))) {
      throw new Error(
        `Kafka ${name} ${requested} on 127.0.0.1 is already in use (another Kafka or \`npm start\`?). ` +
          `Stop that process or pass ${name}: 0 to pick a free port.`,
      );
    }
    return requested;
  }
  for (;;) {
    const port = await freePort();
    if (port !== avoid) return port;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitUntilReady(brokers: string[], admin: KafkaScramUser, exited: Promise<number | null>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let jvmExit: number | null | undefined;
  void exited.then((code) => {
    jvmExit = code;
  });
  const kafka = new Kafka({
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
    sasl: { mechanism: 'scram-sha-512', username: admin.username, password: admin.password },
  });
  let lastError = '';
  while (Date.now() < deadline) {
    if (jvmExit !== undefined) throw new Error(`Kafka broker JVM exited during startup (exit ${jvmExit}).`);
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.controller !== null && cluster.brokers.length > 0) return;
      lastError = 'no controller elected yet';
    } catch (err) {
      lastError = (err as Error).message;
    } finally {
      await admin.disconnect().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 250)); // poll interval between real metadata requests
  }
  throw new Error(`Kafka broker not ready after ${READY_TIMEOUT_MS / 1000} s (last metadata request: ${lastError}).`);
}

/** Per user name, a hash of the password: what the broker's metadata holds, without the passwords themselves. */
function fingerprints(users: KafkaScramUser[]): Record<string, string> {
  return Object.fromEntries(users.map((u) => [u.username, createHash('sha256').update(u.password).digest('hex')]));
}

/**
 * A data dir is reused across starts (npm start): principals added or passwords changed since its format are
 * applied with Kafka's own ConfigCommand (kafkajs has no AlterUserScramCredentials), as the admin. A JVM per user,
 * so only for the changed ones.
 */
async function applyChangedScramUsers(p: {
  jvmArgs: string[];
  brokers: string[];
  dataDir: string;
  appliedFile: string;
  admin: KafkaScramUser;
  users: KafkaScramUser[];
  log: (line: string) => void;
}): Promise<void> {
  const applied = JSON.parse(readFileSync(p.appliedFile, 'utf8')) as Record<string, string>;
  const wanted = fingerprints(p.users);
  const changed = p.users.filter((u) => applied[u.username] !== wanted[u.username]);
  if (changed.length === 0) return;
  const commandConfig = path.join(p.dataDir, 'admin-client.properties');
  await writeFile(
    commandConfig,
    [
      'security.protocol=SASL_PLAINTEXT',
      'sasl.mechanism=SCRAM-SHA-512',
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${p.admin.username}" password="${p.admin.password}";`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  for (const user of changed) {
    const result = spawnSync(
      'java',
      [
        ...p.jvmArgs,
        'org.apache.kafka.tools.ConfigCommand',
        '--bootstrap-server',
        p.brokers[0]!,
        '--command-config',
        commandConfig,
        '--alter',
        '--add-config',
        `SCRAM-SHA-512=[iterations=4096,password=${user.password}]`,
        '--entity-type',
        'users',
        '--entity-name',
        user.username,
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) {
      const last = (result.stdout + result.stderr)
        .trim()
        .split('\n')
        .filter((l) => !l.includes(user.password))
        .slice(-3)
        .join('\n');
      throw new Error(`could not set the SCRAM credential of Kafka principal ${user.username} (exit ${result.status}): ${last}`);
    }
    applied[user.username] = wanted[user.username]!;
    await writeFile(p.appliedFile, JSON.stringify(applied, null, 2), { mode: 0o600 });
  }
  p.log(`Kafka principals added or changed since the last start: ${changed.map((u) => u.username).join(', ')}`);
}

function diagnose(logFile: string, port: number, controllerPort: number): string {
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-30).join('\n') : '(no log)';
  const hints: string[] = [];
  if (/Address already in use|BindException/.test(tail))
    hints.push(`Port ${port} or ${controllerPort} is in use: stop the other process or pass port: 0.`);
  if (/UnsupportedClassVersionError/.test(tail)) hints.push('Java too old: install Java 17.');
  if (/ClassNotFoundException|NoClassDefFoundError/.test(tail))
    hints.push(`Jar cache incomplete: delete ${path.dirname(logFile)} and the Kafka cache dir, then retry.`);
  if (/InconsistentClusterIdException|meta\.properties/.test(tail)) hints.push('Data dir belongs to another cluster: delete it.');
  return `${hints.join('\n')}\nLast lines of ${logFile}:\n${tail}`;
}

async function stopWrapper(wrapper: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (wrapper.exitCode === null && wrapper.signalCode === null) {
    signalGroup(wrapper, 'SIGTERM'); // controlled shutdown
    const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_TIMEOUT_MS).then(() => true)]);
    if (timedOut) {
      signalGroup(wrapper, 'SIGKILL');
      await exited;
    }
  }
  liveWrappers.delete(wrapper);
}

function signalGroup(wrapper: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-wrapper.pid!, signal);
  } catch {
    // already gone
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

const liveWrappers = new Set<ChildProcess>();
let exitHandlersInstalled = false;

// Belt and braces next to the watchdog: on a normal exit tell the JVMs at once instead of waiting
// for the pipe to close. On SIGINT/SIGTERM act only when nobody else listens: an owner such as
// `npm start` stops its services before Kafka, and killing Kafka first would spoil that order.
function installExitHandlers(): void {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  process.on('exit', () => liveWrappers.forEach((w) => signalGroup(w, 'SIGTERM')));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return;
      liveWrappers.forEach((w) => signalGroup(w, 'SIGTERM'));
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal); // keep the default "die by signal" behaviour
    };
    process.on(signal, onSignal);
  }
}

/**
 * Kafka's Uuid text form: 22 base64url characters. Like Kafka's own Uuid.randomUuid, never one that starts
 * with '-': the storage tool would read it as an option (seen as a random CI failure).
 */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
