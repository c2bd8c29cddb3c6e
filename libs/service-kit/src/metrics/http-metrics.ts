import type { NextFunction, Request, Response } from 'express';
import type { ServiceMetrics } from './service-metrics.js';

/**
 * Times every request by its route template (/taken/:id), not the raw URL, so ids never become label
 * values; requests that match no route share one label. A middleware rather than an interceptor: it also
 * sees requests the guard or validation refused.
 */
export function httpMetrics(metrics: ServiceMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl ?? ''}${String(req.route.path)}` : 'unmatched';
      metrics.observeHttp(req.method, route, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

/**
 * Installs the timing middleware while the module is being instantiated, which is before createServiceApp
 * adds its own middleware and before any route exists, so every request passes through it first.
 */
export const HTTP_METRICS_INSTALLER = Symbol('HTTP_METRICS_INSTALLER');
