import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance, RouteOptions } from 'fastify';

const RECORDED = new WeakMap<object, string[]>();

/** Starts recording every route the Fastify instance registers (an onRoute hook: add it before any route), for httpRoutes. */
export function recordHttpRoutes(fastify: FastifyInstance): void {
  const routes: string[] = [];
  RECORDED.set(fastify, routes);
  fastify.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
  });
}

/**
 * Routes as the HTTP server (Fastify) will dispatch them, "METHOD /path", including ones added outside Nest's
 * controllers (such as /openapi.json), which the guard never sees: a role-matrix test compares both lists. Left out:
 * the HEAD twin Fastify adds to every GET, and @fastify/cors's preflight answer (OPTIONS *), which reach no handler.
 * Throws for an app createServiceApp did not create (its routes were not recorded).
 */
export function httpRoutes(app: INestApplication): string[] {
  const routes = RECORDED.get(app.getHttpAdapter().getInstance() as object);
  if (!routes) throw new Error('httpRoutes: the app was not created by createServiceApp, so its routes were not recorded');
  return routes.filter((r) => r !== 'OPTIONS *' && !(r.startsWith('HEAD ') && routes.includes(`GET ${r.slice(5)}`)));
}
