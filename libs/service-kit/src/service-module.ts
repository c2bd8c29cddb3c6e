import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import { DataSource, type DataSourceOptions, type MigrationInterface, type MixedList } from 'typeorm';
import { accessLogEntities, authProviders, OrganisationDirectory, organisationDirectoryFromEnv } from '@estafette/auth';
import { messagingEntities } from '@estafette/messaging';
import { OrganisationsClient } from '@estafette/organisations-client';
import { assertMigrated, assertRuntimeRole, runMigrations, serviceMigrations, type MigrationClass } from './database-roles.js';
import { HEALTH_CHECKS, HealthController } from './health.js';
import { HTTP_METRICS_INSTALLER, installHttpMetrics } from './metrics/http-metrics.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { ServiceMetrics } from './metrics/service-metrics.js';
import { MessagingRuntime } from './messaging-runtime.js';
import type { ServiceConfig } from './service-config.js';
import { ServiceCalendar } from './service-calendar.js';
import { SERVICE_CONFIG } from './tokens.js';
import { DEFAULT_WRITE_RATE_LIMITS, WriteRateLimitGuard } from './write-rate-limit.js';

/**
 * An entity class as TypeORM types its entity list (`MixedList<Function>`); kept as TypeORM says, so lists typed
 * `Function[]` by the libraries that hand entities over still fit.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity targets
export type EntityClass = Function;

/** Per module built by serviceModule, the migrations it runs (migrationsOf). */
const RUN_MIGRATIONS = new WeakMap<DynamicModule, readonly MigrationClass[]>();

/**
 * Pooled database connections kept open however long they sit idle (pg closes any after 10 s idle, and still closes
 * those beyond these). An idle service's relay polls every 30 s and its timers tick every minute, two of them at once
 * in the RMC: with none kept, nearly every tick opened a new connection, with its SCRAM handshake and a new server
 * backend (strace, issue 19, idle CPU). Connections opened for a burst still close 10 s after it. Idle ones do not
 * keep the process alive (pg's allowExitOnIdle): a service is kept alive by its HTTP server, and a test process that
 * ends without closing its data source is not held open by them.
 */
const POOL_KEPT_CONNECTIONS = 2;

export interface ServiceModuleOptions {
  module: Type<unknown>;
  config: ServiceConfig;
  entities: MixedList<EntityClass>;
  migrations: (new () => MigrationInterface)[];
  controllers?: Type<unknown>[];
  /** The use cases; those that consume events say so themselves (@HandlesEvent, @ObservesEvents). */
  providers?: Provider[];
}

/**
 * Every service is assembled the same way: its own database as its runtime role (migrations applied by the owner
 * beforehand, never synchronize; a superuser or table owner is refused, docs/security.md#database-roles), the
 * outbox relay and consumer on the bus, /health over database, Kafka and the relay, Prometheus /metrics,
 * the global auth guard, the access log table and the service's clock (ServiceCalendar).
 */
export function serviceModule(options: ServiceModuleOptions): DynamicModule {
  const { config } = options;
  const migrations = serviceMigrations(options.migrations);
  const dynamic: DynamicModule = {
    module: options.module,
    imports: [
      TypeOrmModule.forRootAsync({
        useFactory: () => ({
          type: 'postgres',
          url: config.databaseUrl,
          entities: [...messagingEntities, ...accessLogEntities, ...(options.entities as EntityClass[])],
          synchronize: false,
          retryAttempts: 0,
          extra: { min: POOL_KEPT_CONNECTIONS, allowExitOnIdle: true },
        }),
        dataSourceFactory: async (dataSourceOptions) => {
          // In-process tests hand the owner's URL along; a deployed service is migrated by `main.js migrate` before it starts.
          if (config.migrationUrl) await runMigrations(config.migrationUrl, migrations);
          const dataSource = await new DataSource(dataSourceOptions as DataSourceOptions).initialize();
          try {
            await assertRuntimeRole(dataSource, `${config.name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`);
            await assertMigrated(dataSource, migrations);
          } catch (error) {
            await dataSource.destroy();
            throw error;
          }
          return dataSource;
        },
      }),
      TypeOrmModule.forFeature(options.entities as EntityClass[]),
      DiscoveryModule,
    ],
    controllers: [HealthController, MetricsController, ...(options.controllers ?? [])],
    providers: [
      { provide: SERVICE_CONFIG, useValue: config },
      // "Now", Amsterdam "today" and holiday rules per organisation kind: the one clock of the service (a test's when given).
      { provide: ServiceCalendar, useValue: new ServiceCalendar(config.clock, config.holidayRules) },
      // Where other organisations' content lives: consumers check datarefs against it, content clients build URLs from it.
      {
        provide: OrganisationDirectory,
        useFactory: () => new OrganisationDirectory(config.organisationDirectory ?? organisationDirectoryFromEnv()),
      },
      // What an organisation id is (kind, name): receivers are checked against it, answers carry names from it.
      { provide: OrganisationsClient, useFactory: () => new OrganisationsClient(config.organisations) },
      { provide: ServiceMetrics, useFactory: () => new ServiceMetrics(config.name) },
      {
        provide: HTTP_METRICS_INSTALLER,
        inject: [HttpAdapterHost, ServiceMetrics],
        useFactory: (host: HttpAdapterHost, metrics: ServiceMetrics) => {
          if (host.httpAdapter) installHttpMetrics(host.httpAdapter.getInstance<FastifyInstance>(), metrics);
          return null;
        },
      },
      // Default deny on every route: see @estafette/auth.
      ...authProviders({ issuer: config.oidcIssuer, audience: config.oidcAudience, jwksUrl: config.oidcJwksUrl }),
      // After the auth guard (global guards run in this order), so writes are counted per verified identity.
      { provide: APP_GUARD, useValue: new WriteRateLimitGuard({ ...DEFAULT_WRITE_RATE_LIMITS, ...config.writeRateLimits }) },
      MessagingRuntime,
      {
        provide: HEALTH_CHECKS,
        inject: [DataSource, MessagingRuntime],
        useFactory: (dataSource: DataSource, messaging: MessagingRuntime) => ({
          database: () => dataSource.query('SELECT 1'),
          kafka: () => messaging.checkKafka(),
          outboxRelay: () => messaging.checkRelay(),
          consumer: () => messaging.checkConsumer(),
        }),
      },
      ...(options.providers ?? []),
    ],
  };
  RUN_MIGRATIONS.set(dynamic, migrations);
  return dynamic;
}

/**
 * The migrations a module built by serviceModule runs, in order (the shared ones first): what the service's `migrate`
 * step must apply too (its guard test compares the two). Undefined for a module serviceModule did not build.
 */
export function migrationsOf(module: DynamicModule): readonly MigrationClass[] | undefined {
  return RUN_MIGRATIONS.get(module);
}
