export { createServiceApp, type AppOptions } from './bootstrap.js';
export { HealthController, HEALTH_CHECKS, type Check } from './health.js';
export { serviceConfig, type ServiceConfig } from './service-config.js';
export { fieldErrors, validationPipe, type FieldError } from './validation.js';
