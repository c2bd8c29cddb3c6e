import type { INestApplication } from '@nestjs/common';
import { createServiceApp, type ServiceConfig } from '@estafette/service-kit';
import { ZorgModule, type ZorgSettings } from './zorg.module.js';

export function createZorgApp(config: ServiceConfig, settings: ZorgSettings, logger?: false): Promise<INestApplication> {
  return createServiceApp(ZorgModule.forRoot(config, settings) as never, {
    title: 'Estafette zorg service',
    description: 'Referrals to care providers: accept or reject, first contact, placement in a care trajectory, follow-up and uitval.',
    logger,
    corsOrigin: config.portalOrigin,
  });
}
