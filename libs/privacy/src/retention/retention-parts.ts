import type { FactoryProvider } from '@nestjs/common';
import { RetentionController } from './retention.controller.js';
import { RetentionJob } from './retention.job.js';
import { RetentionRunRecord } from './retention-run.entity.js';
import { RETENTION_PLAN, type RetentionPlan } from './retention-plan.js';
import { RetentionRunner } from './retention-runner.js';

/**
 * Everything a service adds to its serviceModule for retention: the audit table's entity, `GET /retention/runs` and
 * `/retention/policy`, the runner and the daily job. The service gives only its plan: its name and its batch statements
 * per category. The migrations (`retentionMigrations`: the audit table, the access log's retention trigger) go into the
 * service's own migration list, which its `migrate` step and its module share. A plan whose statements need the
 * service's own providers (the consent service's audit chains) is given as a factory with what it injects.
 */
export function retentionParts(plan: RetentionPlan | RetentionPlanFactory) {
  const planProvider = 'useFactory' in plan ? { provide: RETENTION_PLAN, ...plan } : { provide: RETENTION_PLAN, useValue: plan };
  return {
    entities: [RetentionRunRecord],
    controllers: [RetentionController],
    providers: [planProvider, RetentionRunner, RetentionJob],
  };
}

/** A retention plan made by Nest from the providers in `inject` (e.g. `{ inject: [AuditChains], useFactory: planOf }`). */
export type RetentionPlanFactory = Pick<FactoryProvider<RetentionPlan>, 'inject' | 'useFactory'>;
