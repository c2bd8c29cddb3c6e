import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Runs `tick` every `intervalMs`, never two at once, from bootstrap to shutdown (which waits for a running
 * tick). For durable timers: the state is in the database, so a failed or missed tick only delays work.
 */
export abstract class IntervalJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly jobLogger = new Logger(this.constructor.name);
  private handle?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  protected abstract intervalMs(): number;
  protected abstract tick(): Promise<unknown>;
  /** What did not happen when a tick fails, for the log line: e.g. "offers not expired". */
  protected abstract readonly failureMessage: string;

  onApplicationBootstrap(): void {
    this.handle = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .catch((error: Error) => this.jobLogger.warn(`${this.failureMessage} this round: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.intervalMs());
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.handle);
    await this.running;
  }
}
