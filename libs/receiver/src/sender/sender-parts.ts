import type { Provider, Type } from '@nestjs/common';
import {
  overdrachtAccepted, overdrachtFirstContactHeld, overdrachtFirstContactMissed, overdrachtRejected, plaatsingFollowUpChecked, plaatsingPlaced,
} from '@estafette/contracts';
import type { Role } from '@estafette/auth';
import type { EventHandlers } from '@estafette/service-kit';
import { SenderExpiryScheduler } from './expiry-scheduler.js';
import { FollowOutgoing } from './follow-outgoing.js';
import { senderMigrations } from './migrations.js';
import { OfferFromHere } from './offer-from-here.js';
import { outgoingController } from './outgoing.controller.js';
import { SENDER_SETTINGS, type SenderSettings } from './sender-settings.js';
import { UitgaandeOverdrachtRecord } from './uitgaande-overdracht.entity.js';

/**
 * The sending side as parts a service adds to its own serviceModule: the table, the use cases, the
 * deadline timer, `/overdrachten-uit` and the reply handlers. The service's own route makes the offer
 * (it knows from which record: a task at the RMC, a verwijzing at W&I, an uitschrijving at a pro/vso school).
 */
export function senderParts(settings: SenderSettings, roles: [Role, ...Role[]], paths?: string[]) {
  return {
    entities: [UitgaandeOverdrachtRecord],
    migrations: senderMigrations,
    controllers: [outgoingController(settings.organisationType, roles, paths)] as Type<unknown>[],
    providers: [{ provide: SENDER_SETTINGS, useValue: settings }, OfferFromHere, FollowOutgoing, SenderExpiryScheduler] as Provider[],
  };
}

/** The replies a sender follows; merge with the service's own handlers. */
export function senderHandlers(follow: FollowOutgoing): EventHandlers {
  return {
    [overdrachtAccepted.type]: (event, manager) => follow.accepted(event as never, manager),
    [overdrachtRejected.type]: (event, manager) => follow.rejected(event as never, manager),
    [overdrachtFirstContactHeld.type]: (event, manager) => follow.firstContactHeld(event as never, manager),
    [overdrachtFirstContactMissed.type]: (event, manager) => follow.firstContactMissed(event as never, manager),
    [plaatsingPlaced.type]: (event, manager) => follow.placed(event as never, manager),
    [plaatsingFollowUpChecked.type]: (event, manager) => follow.followUpChecked(event as never, manager),
  };
}
