import { Inject, Injectable } from '@nestjs/common';
import { IntervalJob } from '@estafette/service-kit';
import { ExpireDueOffers } from '../application/expire-due-offers.js';
import { RMC_SETTINGS, type RmcSettings } from '../rmc-settings.js';

/** Ticks the offers' answer deadlines; state is in the database, so a restart only delays an expiry. */
@Injectable()
export class OfferExpiryScheduler extends IntervalJob {
  protected readonly failureMessage = 'offers not expired';

  constructor(
    private readonly expire: ExpireDueOffers,
    @Inject(RMC_SETTINGS) private readonly settings: RmcSettings,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.settings.timerIntervalMs;
  }

  protected tick(): Promise<unknown> {
    return this.expire.run();
  }
}
