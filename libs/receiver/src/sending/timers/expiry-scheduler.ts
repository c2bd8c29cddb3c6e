import { Inject, Injectable } from '@nestjs/common';
import { IntervalJob } from '@estafette/service-kit';
import { OfferOverdracht } from '../application/offer-overdracht.js';
import { SENDER_SETTINGS, type SenderSettings } from '../sender-settings.js';

/** Ticks the answer deadlines of this service's offers; a restart only delays an expiry. */
@Injectable()
export class OverdrachtExpiryScheduler extends IntervalJob {
  protected readonly failureMessage = 'offers not expired';

  constructor(
    private readonly offers: OfferOverdracht,
    @Inject(SENDER_SETTINGS) private readonly settings: SenderSettings,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.settings.timerIntervalMs;
  }

  protected tick(): Promise<unknown> {
    return this.offers.expireDue();
  }
}
