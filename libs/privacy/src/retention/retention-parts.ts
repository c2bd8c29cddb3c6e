import { RetentionController } from './retention.controller.js';
import { RetentionJob } from './retention.job.js';
import { RetentionRunRecord } from './retention-run.entity.js';
import { RETENTION_PLAN, type RetentionPlan } from './retention-plan.js';
import { RetentionRunner } from './retention-runner.js';

/**
 * Everything a service adds to its serviceModule for retention: the audit table's entity, `GET /retention/runs` and
 * `/retention/policy`, the runner and the daily job. The service gives only its plan: its name and its batch statements
 * per category. The migrations (`retentionMigrations`: the audit table, the access log's retention trigger) go into the
 * service's own migration list, which its `migrate` step and its module share.
 */
export function retentionParts(plan: RetentionPlan) {
  return {
    entities: [RetentionRunRecord],
    controllers: [RetentionController],
    providers: [{ provide: RETENTION_PLAN, useValue: plan }, RetentionRunner, RetentionJob],
  };
}
