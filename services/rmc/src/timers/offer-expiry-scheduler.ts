import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ExpireDueOffers } from '../application/expire-due-offers.js';
import { RMC_SETTINGS, type RmcSettings } from '../rmc-settings.js';

/** Ticks the offers' answer deadlines; state is in the database, so a restart only delays an expiry. */
@Injectable()
export class OfferExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OfferExpiryScheduler.name);
  private handle?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly expire: ExpireDueOffers,
    @Inject(RMC_SETTINGS) private readonly settings: RmcSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.handle = setInterval(() => {
      if (this.running) return;
      this.running = this.expire
        .run()
        .catch((error: Error) => this.logger.warn(`offers not expired this round: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.settings.timerIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.handle);
    await this.running;
  }
}
