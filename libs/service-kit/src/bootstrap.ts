import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { validationPipe } from './validation.js';

export interface AppOptions {
  title: string;
  description?: string;
  /** Largest JSON body accepted; bulk uploads stream through their own route. */
  bodyLimit?: string;
  logger?: false | ('error' | 'warn' | 'log')[];
}

/** Creates a service's HTTP application the same way everywhere: validation, OpenAPI at /openapi.json, shutdown hooks. */
export async function createServiceApp(module: Type<unknown>, options: AppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, logger: options.logger ?? ['error', 'warn', 'log'] });
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb' });
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription(options.description ?? '').setVersion('1').build(),
  );
  app.getHttpAdapter().getInstance().get('/openapi.json', (_req: unknown, res: { json(body: unknown): void }) => res.json(document));
  return app;
}
