import type { DynamicModule, Type } from '@nestjs/common';
import type { Provider } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { serviceModule, type EntityClass, type ServiceConfig } from '@estafette/service-kit';
import { AnswerVerwijzing } from './application/answer-verwijzing.js';
import { FireDueChecks } from './application/fire-due-checks.js';
import { PlaatsingCommands } from './application/plaatsing-commands.js';
import { ReceiveOffer } from './application/receive-offer.js';
import { receiverControllers } from './http/verwijzing.controllers.js';
import { FollowUpCheckRecord } from './persistence/follow-up-check.entity.js';
import { receiverMigrations } from './persistence/migrations.js';
import { PlaatsingRecord } from './persistence/plaatsing.entity.js';
import { VerwijzingHerkomstRecord } from './persistence/verwijzing-herkomst.entity.js';
import { VerwijzingRecord } from './persistence/verwijzing.entity.js';
import { PickUpUitval } from './application/pick-up-uitval.js';
import { RECEIVER_SETTINGS, type ReceiverSettings } from './receiver-settings.js';
import { CheckScheduler } from './timers/check-scheduler.js';
import { HandOverVerwijzing } from './application/hand-over-verwijzing.js';
import { senderParts } from '../sending/sender-parts.js';
import { retentionMigrations, VerwijderingRecord, withdrawalParts } from '@estafette/privacy';
import { verwijzingWithdrawalPurge } from './application/withdrawal-purge.js';
import { senderMigrations } from '../sending/persistence/migrations.js';

/**
 * Assembles a receiving service (werk-inkomen, zorg): same tables, use cases and routes, its own role; an uitval
 * returned to one of its organisations lands in its worklist (PickUpUitval).
 * It also sends: a referral it holds can be handed on (W&I back to the RMC), through the shared sender parts.
 */
export function receiverServiceModule(
  module: Type<unknown>,
  config: ServiceConfig,
  settings: ReceiverSettings,
  own: OwnParts = {},
): DynamicModule {
  const withSending = { ...settings, sends: true };
  const sender = senderParts(
    {
      organisationType: settings.organisationType as 'werk-inkomen' | 'zorg',
      publicUrl: settings.publicUrl,
      timerIntervalMs: settings.timerIntervalMs,
    },
    settings.roles,
  );
  return serviceModule({
    module,
    config,
    entities: [...receiverEntities, ...sender.entities, ...(own.entities ?? [])],
    migrations: own.migrations ?? receiverServiceMigrations(),
    controllers: [...receiverControllers(withSending), ...sender.controllers, ...(own.controllers ?? [])],
    providers: [
      ...receiverProviders(withSending),
      PlaatsingCommands,
      FireDueChecks,
      CheckScheduler,
      HandOverVerwijzing,
      ...sender.providers,
      ...(own.providers ?? []),
    ],
  });
}

/** A receiving service's own migrations as its module runs them (its main.ts's `migrate` step applies the same). */
export function receiverServiceMigrations(own: readonly (new () => MigrationInterface)[] = []): (new () => MigrationInterface)[] {
  return [...receiverMigrations, ...senderMigrations, ...retentionMigrations, ...own];
}

/** What one receiving service adds of its own (zorg: its care information store). */
export interface OwnParts {
  entities?: EntityClass[];
  /** Every migration of the service: receiverServiceMigrations(its own), the one list its `migrate` step applies too. */
  migrations?: (new () => MigrationInterface)[];
  controllers?: Type<unknown>[];
  providers?: Provider[];
}

/**
 * The inbox parts (with the withdrawal purge and its record), for a service that assembles itself (the RMC receives handovers back from W&I and from other
 * regions; a school takes young people back): the inbox, the answers, and the pick-up of an uitval returned to it.
 */
export const receiverEntities = [VerwijzingRecord, PlaatsingRecord, FollowUpCheckRecord, VerwijzingHerkomstRecord, VerwijderingRecord];

export function receiverProviders(settings: ReceiverSettings): Provider[] {
  return [
    { provide: RECEIVER_SETTINGS, useValue: settings },
    ReceiveOffer,
    AnswerVerwijzing,
    PickUpUitval,
    // Every receiver purges what its referrals brought along under a toestemming when it is withdrawn.
    ...withdrawalParts([verwijzingWithdrawalPurge]).providers,
  ];
}
