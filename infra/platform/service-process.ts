// One service as a real process (`node services/<name>/dist/main.js`), its output in a log file: what the
// fault tests kill with SIGKILL and what the chain benchmark samples for memory. Shared, so both drive
// the services the same way.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForHealth } from './wait-for-health.js';
import { processCpuSeconds } from './idle-cpu.js';

/** The repository root, whether this runs compiled (infra/dist/platform) or from source (tests). */
export const repoRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'nx.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

/** Every child started here, so nothing outlives the run, whatever failed. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface ServiceSpec {
  /** Folder name under services/. */
  name: string;
  env: NodeJS.ProcessEnv;
  port: number;
  /** Extra node flags, e.g. --cpu-prof (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
}

export class ServiceProcess {
  private child?: ChildProcess;
  private log: WriteStream;
  readonly url: string;

  constructor(
    private readonly spec: ServiceSpec,
    private readonly logFile: string,
  ) {
    this.url = `http://127.0.0.1:${spec.port}`;
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  get name(): string {
    return this.spec.name;
  }

  /** Another instance of the same service (same database, broker, consumer group) on `port`: for scale-out. */
  replica(port: number, logFile: string): ServiceProcess {
    const portVariable = `${this.spec.name.toUpperCase().replace(/-/g, '_')}_PORT`;
    return new ServiceProcess({ ...this.spec, port, env: { ...this.spec.env, [portVariable]: String(port) } }, logFile);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(healthTimeoutMs = 90_000): Promise<void> {
    const dir = path.join(repoRoot, 'services', this.spec.name);
    this.log.write(`--- start ${new Date().toISOString()}\n`);
    const child = spawn(process.execPath, [...(this.spec.nodeArgs ?? []), path.join(dir, 'dist/main.js')], {
      cwd: dir,
      env: this.spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    child.on('exit', () => live.delete(child));
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    this.child = child;
    await this.waitHealthy(healthTimeoutMs);
  }

  async waitHealthy(timeoutMs: number): Promise<void> {
    try {
      await waitForHealth(`${this.url}/health`, this.child, timeoutMs);
    } catch (error) {
      // The log's file is often a temporary directory's, gone once the run ends: its end goes with the error.
      await new Promise((resolve) => setTimeout(resolve, 200)); // what the child wrote last, still in the pipe
      throw new Error(`${this.spec.name}: ${(error as Error).message}; the end of its log (${this.logFile}):\n${this.logTail()}`, {
        cause: error,
      });
    }
  }

  private logTail(lines = 25): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Resident memory now and at its peak (VmRSS, VmHWM) in MB, from /proc; undefined when not running or not Linux. */
  memory(): { rssMb: number; peakRssMb: number } | undefined {
    if (!this.running || !this.child?.pid) return undefined;
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  /** CPU time used so far (user + system, from /proc/<pid>/stat at 100 ticks a second), in seconds. */
  cpuSeconds(): number | undefined {
    if (!this.running || !this.child?.pid) return undefined;
    return processCpuSeconds(this.child.pid);
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
