import { Module, type DynamicModule } from '@nestjs/common';
import { serviceModule, type ServiceConfig } from '@estafette/service-kit';
// Bewaartermijnen (libs/privacy): the daily retention job and its audit, with this service's own statements.
import { retentionParts } from '@estafette/privacy';
import { monitorRetentionPlan } from './persistence/retention.js';
import { AuditAnchors } from './application/audit-anchors.js';
import { ConsumerLag } from './application/consumer-lag.js';
import { DeadLetters } from './application/dead-letters.js';
import { Deadlines } from './application/deadlines.js';
import { FlowFigures } from './application/flow-figures.js';
import { RecordFlow } from './application/record-flow.js';
import { SteeringFigures } from './application/steering-figures.js';
import { AuditAnchorsController } from './http/audit-anchors.controller.js';
import { DeadLettersController } from './http/dead-letters.controller.js';
import { FlowsController } from './http/flows.controller.js';
import { BusClient } from './messaging/bus-client.js';
import { BusWatcher } from './messaging/bus-watcher.js';
import { MonitorMetrics } from './messaging/monitor-metrics.js';
import { monitorMigrations } from './persistence/migrations/index.js';

/** The monitor publishes nothing and handles no events through an inbox: it watches (BusWatcher). */
@Module({})
export class MonitorModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    const retention = retentionParts(monitorRetentionPlan);
    return serviceModule({
      module: MonitorModule,
      config,
      entities: [...retention.entities],
      migrations: monitorMigrations,
      controllers: [FlowsController, DeadLettersController, AuditAnchorsController, ...retention.controllers],
      providers: [
        MonitorMetrics,
        BusClient,
        BusWatcher,
        RecordFlow,
        AuditAnchors,
        DeadLetters,
        FlowFigures,
        SteeringFigures,
        ConsumerLag,
        Deadlines,
        ...retention.providers,
      ],
    });
  }
}
