import type { Provider, Type } from '@nestjs/common';
import type { Role } from '@estafette/auth';
import { SenderExpiryScheduler } from './expiry-scheduler.js';
import { FollowOutgoing } from './follow-outgoing.js';
import { senderMigrations } from './migrations.js';
import { OfferFromHere } from './offer-from-here.js';
import { outgoingController } from './outgoing.controller.js';
import { SENDER_SETTINGS, type SenderSettings } from './sender-settings.js';
import { UitgaandeOverdrachtRecord } from './uitgaande-overdracht.entity.js';

/**
 * The sending side as parts a service adds to its own serviceModule: the table, the use cases, the
 * deadline timer, `/overdrachten-uit` and the reply handlers (FollowOutgoing declares its events). The service's own route makes the offer
 * (it knows from which record: a task at the RMC, a verwijzing at W&I, an uitschrijving at a pro/vso school).
 * `aliases`: older paths that serve the same routes for one more version.
 */
export function senderParts(settings: SenderSettings, roles: [Role, ...Role[]], aliases: string[] = []) {
  return {
    entities: [UitgaandeOverdrachtRecord],
    migrations: senderMigrations,
    controllers: ['overdrachten-uit', ...aliases].map((path) => outgoingController(settings.organisationType, roles, path)) as Type<unknown>[],
    providers: [{ provide: SENDER_SETTINGS, useValue: settings }, OfferFromHere, FollowOutgoing, SenderExpiryScheduler] as Provider[],
  };
}
