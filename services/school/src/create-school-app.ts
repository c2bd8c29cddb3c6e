import type { INestApplication } from '@nestjs/common';
import { createServiceApp, type ServiceConfig } from '@estafette/service-kit';
import { SchoolModule } from './school.module.js';
import type { SchoolSettings } from './school-settings.js';

export function createSchoolApp(config: ServiceConfig, settings: SchoolSettings, logger?: false): Promise<INestApplication> {
  return createServiceApp(SchoolModule.forRoot(config, settings) as never, {
    title: 'Estafette school service',
    description:
      'Deregistrations (uitschrijvingen, one or in bulk) and enrolments (inschrijvingen) from school administration systems, and the nazorg view.',
    logger,
    corsOrigin: config.portalOrigin,
    // School systems send batches one record per call; this is far above a real batch, far below a flood.
    streamedRoutes: [{ method: 'POST', path: '/uitschrijvingen/bulk' }],
    rateLimits: [{ method: 'POST', path: '/uitschrijvingen', limit: settings.intakeRequestsPerMinute ?? 600, windowMs: 60_000 }],
  });
}
