import type { INestApplication } from '@nestjs/common';
import { createServiceApp, type ServiceConfig } from '@estafette/service-kit';
import { WerkInkomenModule, type WerkInkomenSettings } from './werk-inkomen.module.js';

export function createWerkInkomenApp(config: ServiceConfig, settings: WerkInkomenSettings, logger?: false): Promise<INestApplication> {
  return createServiceApp(WerkInkomenModule.forRoot(config, settings) as never, {
    title: 'Estafette Werk & Inkomen service',
    description: 'Referrals from the RMC: accept or reject, first contact, zoekperiode, placement, follow-up and uitval na plaatsing.',
    logger,
    corsOrigin: config.portalOrigin,
  });
}
