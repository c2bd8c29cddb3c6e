import { spawn, type ChildProcess } from 'node:child_process';
import { DEFAULT_RESTART_SCHEDULE, nextAttempt, restartDelayMs, type RestartSchedule } from './restart-schedule.js';
import type { ServiceDescription } from './services.js';
import { waitForHealth } from './wait-for-health.js';

export interface SupervisorOptions {
  /** Used in the log lines. */
  name: string;
  /** Starts the process once; called again for every restart. */
  spawn: () => ChildProcess;
  log: (line: string) => void;
  /** Polled after a restart, to say when the service serves again. */
  healthUrl?: string;
  schedule?: RestartSchedule;
}

/**
 * Keeps one service process running (what `npm start` does for every service): when it exits, for
 * whatever reason, it is started again after the backoff of `restart-schedule.ts`, and the log says so
 * ("<name> exited with code 1; restarting in 2 s (attempt 2)"). Only `stop()` ends it.
 */
export class Supervisor {
  private child: ChildProcess;
  private startedAt = Date.now();
  private attempt = 0;
  private restartCount = 0;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private readonly schedule: RestartSchedule;

  constructor(private readonly options: SupervisorOptions) {
    this.schedule = options.schedule ?? DEFAULT_RESTART_SCHEDULE;
    this.child = this.launch();
  }

  /** The process running now (a new one after each restart). */
  get current(): ChildProcess {
    return this.child;
  }

  /** How many times the process was started again. */
  get restarts(): number {
    return this.restartCount;
  }

  private launch(): ChildProcess {
    const child = this.options.spawn();
    this.startedAt = Date.now();
    child.once('exit', (code, signal) => this.exited(code, signal));
    return child;
  }

  private exited(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopped) return;
    this.attempt = nextAttempt(this.attempt, Date.now() - this.startedAt, this.schedule);
    const delayMs = restartDelayMs(this.attempt, this.schedule);
    const how = code !== null ? `code ${code}` : `signal ${signal}`;
    this.options.log(`${this.options.name} exited with ${how}; restarting in ${delayMs / 1000} s (attempt ${this.attempt})`);
    this.timer = setTimeout(() => this.restart(), delayMs);
  }

  private restart(): void {
    if (this.stopped) return;
    this.restartCount += 1;
    this.child = this.launch();
    const { healthUrl, name, log } = this.options;
    if (!healthUrl) return;
    const child = this.child;
    // An exit before it is healthy is reported by exited(); only a healthy restart is worth a line here.
    waitForHealth(healthUrl, child, 120_000).then(
      () => log(`${name} restarted (pid ${child.pid}) and healthy again`),
      () => undefined,
    );
  }

  /**
   * Stops supervising without touching the process: at Ctrl-C the terminal signals every child at once, and
   * a child that exits while the platform shuts down must not be started again.
   */
  halt(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Stops supervising, then SIGTERM (SIGKILL after `graceMs`); resolves when the process has exited. */
  async stop(graceMs = 10_000): Promise<void> {
    this.halt();
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(killer);
  }
}

/**
 * One service as `node <its nodeOptions> <service>/dist/main.js` (how `npm start` runs each service), its output handed to
 * `write` line by line, prefixed with the service's name (`[rmc] ...`).
 */
export function spawnService(
  service: ServiceDescription,
  env: NodeJS.ProcessEnv,
  write: (stream: 'stdout' | 'stderr', text: string) => void,
): ChildProcess {
  const child = spawn(process.execPath, [...service.nodeOptions, service.entry], {
    cwd: service.dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((l) => `[${service.name}] ${l}\n`)
      .join('');
  child.stdout!.on('data', (c: Buffer) => write('stdout', prefix(c)));
  child.stderr!.on('data', (c: Buffer) => write('stderr', prefix(c)));
  return child;
}
