export { createServiceApp, type AppOptions, type RateLimitRule } from './bootstrap.js';
export { HealthController, HEALTH_CHECKS, type Check } from './health.js';
export { ServiceMetrics } from './metrics/service-metrics.js';
export { MetricsController } from './metrics/metrics.controller.js';
export { EVENT_HANDLERS, MessagingRuntime, type EventHandlers } from './messaging-runtime.js';
export { serviceConfig, type ServiceConfig } from './service-config.js';
export { serviceModule, type ServiceModuleOptions } from './service-module.js';
export { SERVICE_CONFIG } from './tokens.js';
export { fieldErrors, validationPipe, type FieldError } from './validation.js';
