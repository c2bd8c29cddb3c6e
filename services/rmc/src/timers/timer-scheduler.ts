import { Inject, Injectable } from '@nestjs/common';
import { IntervalJob } from '@estafette/service-kit';
import { FireDueTimers } from '../application/fire-due-timers.js';
import { RMC_SETTINGS, type RmcSettings } from '../rmc-settings.js';

/** Ticks the durable timers; the state is in the database, so a restart only delays a firing. */
@Injectable()
export class TimerScheduler extends IntervalJob {
  protected readonly failureMessage = 'timers not fired';

  constructor(
    private readonly fire: FireDueTimers,
    @Inject(RMC_SETTINGS) private readonly settings: RmcSettings,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.settings.timerIntervalMs;
  }

  protected tick(): Promise<unknown> {
    return this.fire.run();
  }
}
