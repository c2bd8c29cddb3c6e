import type { INestApplication } from '@nestjs/common';
import { createServiceApp, type ServiceConfig } from '@estafette/service-kit';
import { RmcModule } from './rmc.module.js';
import type { RmcSettings } from './rmc-settings.js';

export function createRmcApp(config: ServiceConfig, settings: RmcSettings, logger?: false): Promise<INestApplication> {
  return createServiceApp(RmcModule.forRoot(config, settings) as never, {
    title: 'Estafette RMC service',
    description: 'vsv-meldingen and the RMC worklist: first contact, contact moments, outreach.',
    logger,
    corsOrigin: config.portalOrigin,
  });
}
