import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceMetrics } from './service-metrics.js';

/**
 * Times every request by its route template (/taken/:id), not the raw URL, so ids never become label values;
 * requests that match no route share one label. A Fastify onResponse hook rather than a Nest interceptor: it also
 * sees requests the guard, validation, the body parser or a rate limit refused. The duration is Fastify's
 * `elapsedTime`: from the start of the request's first hook to the answer's last byte handed to the socket.
 */
export function installHttpMetrics(fastify: FastifyInstance, metrics: ServiceMetrics): void {
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    metrics.observeHttp(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}

/**
 * Installs the timing hook while the module is being instantiated (NestFactory.create), before any route exists, so
 * every route gets it.
 */
export const HTTP_METRICS_INSTALLER = Symbol('HTTP_METRICS_INSTALLER');
