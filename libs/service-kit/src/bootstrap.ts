import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { Type } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import { installBodyParsing } from './http/body-parsing.js';
import { recordHttpRoutes } from './http/http-routes.js';
import { markRoutes, type RateLimitRule, type RouteMatch } from './http/route-options.js';
import { createJsonLogger, JsonNestLogger, jsonLogsWanted } from './logging/json-logger.js';
import { validationPipe } from './validation.js';

export type { RateLimitRule } from './http/route-options.js';

export interface AppOptions {
  title: string;
  description?: string;
  /** Largest JSON body accepted, in bytes (default 1 MiB); streamed routes read their own body, past it. */
  bodyLimit?: number;
  logger?: false | ('error' | 'warn' | 'log')[];
  /** The service name on every JSON log line; defaults to the title. */
  service?: string;
  /** The portal's origin (PORTAL_ORIGIN); no other browser origin may call the API. Absent: no CORS at all. */
  corsOrigin?: string;
  /** Per-client-address limits on expensive or guessable routes (intake, login); 429 beyond them. */
  rateLimits?: RateLimitRule[];
  /** Routes that read their own request stream (bulk uploads, `request.raw`): no body parser reads them. */
  streamedRoutes?: (RouteMatch & { method: 'POST' | 'PUT' })[];
}

/**
 * Creates a service's HTTP application the same way everywhere, on Fastify (issue 19: Nest with Express was the
 * largest part of the school's CPU per intake): security headers, CORS, rate limits, the JSON body parser, validation,
 * OpenAPI at /openapi.json, shutdown hooks. Paths match without case and with or without a trailing slash, as they did
 * on Express. Tests that call `app.init()` instead of `listen()` also await `getInstance().ready()` before using the
 * server. Throws (at listen) when a streamed or rate-limited route names no route.
 */
export async function createServiceApp(module: Type<unknown>, options: AppOptions): Promise<NestFastifyApplication> {
  const levels = options.logger ?? ['error', 'warn', 'log'];
  const logger = levels !== false && jsonLogsWanted() ? new JsonNestLogger(createJsonLogger(options.service ?? options.title)) : levels;
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? 1_048_576,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    // Node's default, which the Express server kept: a request, a bulk upload too, is complete within 5 minutes.
    requestTimeout: 300_000,
  });
  const fastify = adapter.getInstance();
  // Both onRoute hooks before any route, and markRoutes before the rate limiter's (it reads what markRoutes sets).
  recordHttpRoutes(fastify);
  markRoutes(fastify, { streamed: options.streamedRoutes ?? [], rateLimits: options.rateLimits ?? [] });
  await fastify.register(fastifyHelmet);
  await fastify.register(fastifyRateLimit, { global: false, enableDraftSpec: true });
  installBodyParsing(fastify);
  // The guard's principal: a declared request property keeps every request object the same shape.
  fastify.decorateRequest('principal', null);
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bodyParser: false, logger });
  if (options.corsOrigin) app.enableCors({ origin: [options.corsOrigin], credentials: false, maxAge: 600 }); // a list: other origins get no CORS header at all
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.title)
      .setDescription(options.description ?? '')
      .setVersion('1')
      .build(),
  );
  fastify.get('/openapi.json', (_request, reply) => reply.send(document));
  return app;
}
