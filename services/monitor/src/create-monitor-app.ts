import type { INestApplication } from '@nestjs/common';
import { createServiceApp, type ServiceConfig } from '@estafette/service-kit';
import { MonitorModule } from './monitor.module.js';

export function createMonitorApp(config: ServiceConfig, logger?: false): Promise<INestApplication> {
  return createServiceApp(MonitorModule.forRoot(config) as never, {
    title: 'Estafette monitor',
    description: 'Event flows, consumer lag, dead letters (inspect, replay) and anonymous steering figures. Ops only.',
    logger,
    corsOrigin: config.portalOrigin,
  });
}
