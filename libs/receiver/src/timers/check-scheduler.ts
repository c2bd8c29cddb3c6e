import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FireDueChecks } from '../application/fire-due-checks.js';
import { RECEIVER_SETTINGS, type ReceiverSettings } from '../receiver-settings.js';

/** Ticks the durable follow-up timers; a restart only delays a check, it never loses one. */
@Injectable()
export class CheckScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckScheduler.name);
  private handle?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly fire: FireDueChecks,
    @Inject(RECEIVER_SETTINGS) private readonly settings: ReceiverSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.handle = setInterval(() => {
      if (this.running) return;
      this.running = this.fire
        .run()
        .catch((error: Error) => this.logger.warn(`follow-up checks not fired this round: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.settings.timerIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.handle);
    await this.running;
  }
}
