import { Module, type DynamicModule } from '@nestjs/common';
import { receiverServiceModule, type ReceiverSettings } from '@estafette/receiver';
import type { ServiceConfig } from '@estafette/service-kit';

export type ZorgSettings = Pick<ReceiverSettings, 'publicUrl' | 'timerIntervalMs' | 'followUpMonths'>;

/**
 * Zorg: the shared receiving side, for zorg-consulenten. Care information is never put in an event
 * (the contracts allow no free text); what care is given stays in this service's store.
 */
@Module({})
export class ZorgModule {
  static forRoot(config: ServiceConfig, settings: ZorgSettings): DynamicModule {
    return receiverServiceModule(ZorgModule, config, { ...settings, organisationType: 'zorg', role: 'zorg-consulent', zoekperiode: false });
  }
}
