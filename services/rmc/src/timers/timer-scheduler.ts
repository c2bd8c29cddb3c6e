import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FireDueTimers } from '../application/fire-due-timers.js';
import { RMC_SETTINGS, type RmcSettings } from '../rmc-settings.js';

/** Ticks the durable timers; the state is in the database, so a restart only delays a firing. */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TimerScheduler.name);
  private handle?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly fire: FireDueTimers,
    @Inject(RMC_SETTINGS) private readonly settings: RmcSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.handle = setInterval(() => {
      if (this.running) return;
      this.running = this.fire
        .run()
        .catch((error: Error) => this.logger.warn(`timers not fired this round: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.settings.timerIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.handle);
    await this.running;
  }
}
