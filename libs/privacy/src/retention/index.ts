export * from './bewaartermijn.js';
export {
  ACCESS_LOG_PERIOD,
  ACCOUNTABILITY_LOG_PERIOD,
  AUDIT_CHAIN_PERIOD,
  BEWAARTERMIJNEN,
  bewaartermijnenOf,
  TOEWIJZING_LOG_PERIOD,
} from './bewaartermijnen.js';
export { allowDeletePastPeriod, refuseEveryDelete, triggerPeriod } from './append-only-retention.js';
export { changed, RETENTION_PLAN, type RetentionBatch, type RetentionCutoff, type RetentionPlan } from './retention-plan.js';
export { RetentionRunner, type RetentionRunView } from './retention-runner.js';
export { RetentionRunRecord } from './retention-run.entity.js';
export { AccessLogRetention1768900000001, CreateRetentionRun1768900000000, retentionMigrations } from './retention-migrations.js';
export { RetentionController, type RetentionPolicyView } from './retention.controller.js';
export { RetentionJob } from './retention.job.js';
export { retentionParts, type RetentionPlanFactory } from './retention-parts.js';
export { appendOnlyLogRetention, sharedRetentionStatements, verwijderingRetentionStatements } from './shared-statements.js';
