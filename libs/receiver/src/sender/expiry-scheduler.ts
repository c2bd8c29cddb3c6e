import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OfferFromHere } from './offer-from-here.js';
import { SENDER_SETTINGS, type SenderSettings } from './sender-settings.js';

/** Ticks the answer deadlines of this service's offers; a restart only delays an expiry. */
@Injectable()
export class SenderExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SenderExpiryScheduler.name);
  private handle?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly offers: OfferFromHere,
    @Inject(SENDER_SETTINGS) private readonly settings: SenderSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.handle = setInterval(() => {
      if (this.running) return;
      this.running = this.offers
        .expireDue()
        .catch((error: Error) => this.logger.warn(`offers not expired this round: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.settings.timerIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.handle);
    await this.running;
  }
}
