import type { Provider, Type } from '@nestjs/common';
import type { Role } from '@estafette/auth';
import { OverdrachtExpiryScheduler } from './timers/expiry-scheduler.js';
import { FollowUitgaandeOverdracht } from './application/follow-uitgaande-overdracht.js';
import { senderMigrations } from './persistence/migrations.js';
import { OfferOverdracht } from './application/offer-overdracht.js';
import { uitgaandeOverdrachtController } from './http/uitgaande-overdracht.controller.js';
import { SENDER_SETTINGS, type SenderSettings } from './sender-settings.js';
import { UitgaandeOverdrachtRecord } from './persistence/uitgaande-overdracht.entity.js';

/**
 * The sending side as parts a service adds to its own serviceModule: the table, the use cases, the
 * deadline timer, `/overdrachten-uit` and the reply handlers (FollowUitgaandeOverdracht declares its events).
 * The service's own route makes the offer
 * (it knows from which record: a task at the RMC, a verwijzing at W&I, an uitschrijving at a pro/vso school).
 * `aliases`: older paths that serve the same routes for one more version.
 */
export function senderParts(settings: SenderSettings, roles: [Role, ...Role[]], aliases: string[] = []) {
  return {
    entities: [UitgaandeOverdrachtRecord],
    migrations: senderMigrations,
    controllers: ['overdrachten-uit', ...aliases].map((path) =>
      uitgaandeOverdrachtController(settings.organisationType, roles, path),
    ) as Type<unknown>[],
    providers: [
      { provide: SENDER_SETTINGS, useValue: settings },
      OfferOverdracht,
      FollowUitgaandeOverdracht,
      OverdrachtExpiryScheduler,
    ] as Provider[],
  };
}
