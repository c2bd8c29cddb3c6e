export { createServiceApp, type AppOptions, type RateLimitRule } from './bootstrap.js';
export { httpRoutes } from './http/http-routes.js';
export { HealthController, HEALTH_CHECKS, type Check } from './health.js';
export { ServiceMetrics } from './metrics/service-metrics.js';
export { createJsonLogger, JsonNestLogger, jsonMessagingLog } from './logging/json-logger.js';
export { MetricsController } from './metrics/metrics.controller.js';
export { MessagingRuntime } from './messaging-runtime.js';
export {
  HandlesEvent,
  HandlesEventBatch,
  ObservesEvents,
  SubscriptionError,
  eventSubscriptions,
  type EventRouting,
} from './event-subscriptions.js';
export { serviceConfig, type ServiceConfig } from './service-config.js';
export { ServiceCalendar } from './service-calendar.js';
export { migrationsOf, serviceModule, type EntityClass, type ServiceModuleOptions } from './service-module.js';
export { SERVICE_CONFIG } from './tokens.js';
export { fieldError, fieldErrors, IsCalendarDate, validationPipe, type FieldError } from './validation.js';
export { pageOf, pageWindow, PageQuery, type Page } from './page.js';
export { claimDueTimers } from './due-timers.js';
export { IntervalJob } from './interval-job.js';
export { WriteGroups, type WriteGroupsOptions } from './write-groups.js';
export { DEFAULT_WRITE_RATE_LIMITS, WriteRateLimitGuard, writeRateLimitsFromEnv, type WriteRateLimits } from './write-rate-limit.js';
export {
  assertMigrated,
  assertRuntimeRole,
  migrateWhenAsked,
  runMigrations,
  serviceMigrations,
  type MigrationClass,
} from './database-roles.js';
