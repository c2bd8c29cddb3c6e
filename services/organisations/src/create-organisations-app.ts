import type { INestApplication } from '@nestjs/common';
import { createServiceApp, type ServiceConfig } from '@estafette/service-kit';
import { OrganisationsModule } from './organisations.module.js';
import type { OrganisationsSettings } from './organisations-settings.js';

export function createOrganisationsApp(config: ServiceConfig, settings: OrganisationsSettings, logger?: false): Promise<INestApplication> {
  return createServiceApp(OrganisationsModule.forRoot(config, settings) as never, {
    title: 'Estafette organisation directory',
    description:
      'Every organisation id with its kind, code and name: schools, care providers and W&I departments registered by ops (with an audit), municipalities and RMC regions built in from CBS data.',
    logger,
    corsOrigin: config.portalOrigin,
  });
}
