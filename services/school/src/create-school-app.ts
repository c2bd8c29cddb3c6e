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
    streamedRoutes: [{ method: 'POST', path: '/uitschrijvingen/bulk' }],
    rateLimits: WRITES.map((path) => ({ method: 'POST', path, limit: settings.intakeRequestsPerMinute ?? 600, windowMs: 60_000 })),
  });
}

/**
 * Every write on an uitschrijving, each limited per client address (SCHOOL_INTAKE_RATE_LIMIT a minute, default 600):
 * school systems send batches one record per call, far below this; a flood, or a bulk upload in a loop, is stopped.
 */
const WRITES = [
  '/uitschrijvingen',
  '/uitschrijvingen/bulk',
  '/uitschrijvingen/:id/correctie',
  '/uitschrijvingen/:id/intrekking',
  '/uitschrijvingen/:id/overdrachten',
] as const;
