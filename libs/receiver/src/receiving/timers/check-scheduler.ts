import { Inject, Injectable } from '@nestjs/common';
import { IntervalJob } from '@estafette/service-kit';
import { FireDueChecks } from '../application/fire-due-checks.js';
import { RECEIVER_SETTINGS, type ReceiverSettings } from '../receiver-settings.js';

/** Ticks the durable follow-up timers; a restart only delays a check, it never loses one. */
@Injectable()
export class CheckScheduler extends IntervalJob {
  protected readonly failureMessage = 'follow-up checks not fired';

  constructor(
    private readonly fire: FireDueChecks,
    @Inject(RECEIVER_SETTINGS) private readonly settings: ReceiverSettings,
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
