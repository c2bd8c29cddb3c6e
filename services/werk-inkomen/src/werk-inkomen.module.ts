import { Module, type DynamicModule } from '@nestjs/common';
import { receiverServiceModule, type ReceiverSettings } from '@estafette/receiver';
import type { ServiceConfig } from '@estafette/service-kit';

export type WerkInkomenSettings = Pick<ReceiverSettings, 'publicUrl' | 'timerIntervalMs' | 'followUpMonths'>;

/** Werk & Inkomen: the shared receiving side, for wi-consulenten, with the zoekperiode. */
@Module({})
export class WerkInkomenModule {
  static forRoot(config: ServiceConfig, settings: WerkInkomenSettings): DynamicModule {
    return receiverServiceModule(WerkInkomenModule, config, { ...settings, organisationType: 'werk-inkomen', role: 'wi-consulent', zoekperiode: true });
  }
}
