import type { INestApplication } from '@nestjs/common';
import { createServiceApp, type ServiceConfig } from '@estafette/service-kit';
import { ConsentModule } from './consent.module.js';
import type { ConsentSettings } from './consent-settings.js';

export function createConsentApp(config: ServiceConfig, settings: ConsentSettings, logger?: false): Promise<INestApplication> {
  return createServiceApp(ConsentModule.forRoot(config, settings) as never, {
    title: 'Estafette consent service',
    description:
      'Consents (toestemmingen), the convenants, the decision API with its hash-chained audit log, and the views of the young person and the privacy officer.',
    logger,
    corsOrigin: config.portalOrigin,
  });
}
