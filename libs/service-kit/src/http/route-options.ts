import { HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyInstance, RouteOptions } from 'fastify';

export interface RouteMatch {
  method: string;
  path: string;
}

/** Per-client-address limit on one route (intake, login); 429 beyond it. */
export interface RateLimitRule extends RouteMatch {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  limit: number;
  windowMs: number;
}

/** Compared as the router matches (createServiceApp's router options): without case, with or without a trailing slash. */
const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path.toLowerCase().replace(/(.)\/+$/, '$1')}`;

/**
 * Marks routes as Nest registers them (a Fastify onRoute hook, so add it before any route): a streamed route's
 * config gets streamedBody (see installBodyParsing), a rate-limited one the `rateLimit` config @fastify/rate-limit
 * reads in its own onRoute hook, which therefore must be added after this one. A rule naming no route fails the
 * start (ready), so a misspelt path cannot leave a route unlimited or a bulk upload buffered.
 */
export function markRoutes(fastify: FastifyInstance, rules: { streamed: RouteMatch[]; rateLimits: RateLimitRule[] }): void {
  const streamed = new Set(rules.streamed.map((r) => routeKey(r.method, r.path)));
  const limits = new Map(rules.rateLimits.map((r) => [routeKey(r.method, r.path), r]));
  const unmatched = new Set([...streamed, ...limits.keys()]);
  fastify.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) {
      const key = routeKey(method, route.url);
      if (!streamed.has(key) && !limits.has(key)) continue;
      unmatched.delete(key);
      const limit = limits.get(key);
      route.config = {
        ...route.config,
        ...(streamed.has(key) ? { streamedBody: true } : {}),
        ...(limit ? { rateLimit: rateLimitConfig(limit) } : {}),
      };
    }
  });
  fastify.addHook('onReady', async () => {
    if (unmatched.size) throw new Error(`createServiceApp: no route for ${[...unmatched].join(', ')} (streamedRoutes, rateLimits)`);
  });
}

/**
 * @fastify/rate-limit's per-route settings: counted per client address (request.ip) in a fixed window, the IETF draft
 * headers (RateLimit-Limit, -Remaining, -Reset) on every answer and Retry-After (seconds) on the 429, whose body has
 * the shape of every other error (an HttpException, so Nest's exception layer answers it).
 */
function rateLimitConfig(rule: RateLimitRule) {
  return {
    max: rule.limit,
    timeWindow: rule.windowMs,
    errorResponseBuilder: (_request: unknown, context: { after: string }) =>
      new HttpException(
        {
          statusCode: HttpStatus.TOO_MANY_REQUESTS,
          error: 'Too Many Requests',
          message: `more than ${rule.limit} requests in ${rule.windowMs / 1000} s from this address; retry in ${context.after}`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      ),
  };
}
