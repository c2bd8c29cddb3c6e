import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { createJsonLogger, JsonNestLogger, jsonLogsWanted } from './logging/json-logger.js';
import { validationPipe } from './validation.js';

export interface AppOptions {
  title: string;
  description?: string;
  /** Largest JSON body accepted; bulk uploads stream through their own route. */
  bodyLimit?: string;
  logger?: false | ('error' | 'warn' | 'log')[];
  /** The service name on every JSON log line; defaults to the title. */
  service?: string;
  /** The portal's origin (PORTAL_ORIGIN); no other browser origin may call the API. Absent: no CORS at all. */
  corsOrigin?: string;
  /** Per-client-address limits on expensive or guessable routes (intake, login); 429 beyond them. */
  rateLimits?: RateLimitRule[];
  /** Routes that read their own request stream (bulk uploads): the JSON parser must not buffer them. */
  streamedRoutes?: { method: 'POST' | 'PUT'; path: string }[];
}

export interface RateLimitRule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  limit: number;
  windowMs: number;
}

/** Creates a service's HTTP application the same way everywhere: security headers, CORS, rate limits, validation, OpenAPI at /openapi.json, shutdown hooks. */
export async function createServiceApp(module: Type<unknown>, options: AppOptions): Promise<NestExpressApplication> {
  const levels = options.logger ?? ['error', 'warn', 'log'];
  const logger = levels !== false && jsonLogsWanted() ? new JsonNestLogger(createJsonLogger(options.service ?? options.title)) : levels;
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, logger });
  app.use(helmet());
  if (options.corsOrigin) app.enableCors({ origin: [options.corsOrigin], credentials: false, maxAge: 600 }); // a list: other origins get no CORS header at all
  for (const rule of options.rateLimits ?? []) {
    const limiter = rateLimit({ limit: rule.limit, windowMs: rule.windowMs, standardHeaders: 'draft-8', legacyHeaders: false });
    app.use(rule.path, (req: { method: string }, res: unknown, next: () => void) =>
      req.method === rule.method ? limiter(req as never, res as never, next) : next(),
    );
  }
  markStreamedRoutes(app, options.streamedRoutes ?? []);
  app.useBodyParser('json', {
    limit: options.bodyLimit ?? '1mb',
    type: (req: { headers: Record<string, string | string[] | undefined> }) =>
      /^application\/([\w.-]+\+)?json\b/i.test(String(req.headers['content-type'] ?? '')) && !(STREAMED in req),
  });
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
  app
    .getHttpAdapter()
    .getInstance()
    .get('/openapi.json', (_req: unknown, res: { json(body: unknown): void }) => res.json(document));
  return app;
}

const STREAMED = Symbol('streamed route');

/**
 * Marks the requests of streamed routes before the JSON parser runs. Express's own router decides which request
 * is one (a route registered ahead of the parser), so the exemption matches exactly what the route will serve:
 * without case, with or without a trailing slash, like every other route. A path compared by hand missed
 * `/uitschrijvingen/bulk/`, whose body the parser then swallowed.
 */
function markStreamedRoutes(app: NestExpressApplication, routes: { method: 'POST' | 'PUT'; path: string }[]): void {
  const router = app.getHttpAdapter().getInstance() as Record<'post' | 'put', (path: string, handler: RequestHandler) => void>;
  for (const route of routes)
    router[route.method === 'POST' ? 'post' : 'put'](route.path, (req, _res, next) => {
      (req as unknown as Record<symbol, boolean>)[STREAMED] = true;
      next();
    });
}

type RequestHandler = (req: object, res: unknown, next: () => void) => void;
