import type { DynamicModule, Type } from '@nestjs/common';
import { overdrachtExpired, overdrachtOffered, overdrachtWithdrawn } from '@estafette/contracts';
import { serviceModule, type ServiceConfig } from '@estafette/service-kit';
import { AnswerReferral } from './application/answer-referral.js';
import { FireDueChecks } from './application/fire-due-checks.js';
import { PlacementCommands } from './application/placement-commands.js';
import { ReceiveOffer } from './application/receive-offer.js';
import { receiverControllers } from './http/controllers.js';
import { FollowUpCheckRecord } from './persistence/follow-up-check.entity.js';
import { receiverMigrations } from './persistence/migrations.js';
import { PlaatsingRecord } from './persistence/plaatsing.entity.js';
import { VerwijzingRecord } from './persistence/verwijzing.entity.js';
import { RECEIVER_SETTINGS, type ReceiverSettings } from './receiver-settings.js';
import { CheckScheduler } from './timers/check-scheduler.js';

/** Assembles a receiving service (werk-inkomen, zorg): same tables, use cases and routes, its own role. */
export function receiverServiceModule(module: Type<unknown>, config: ServiceConfig, settings: ReceiverSettings): DynamicModule {
  return serviceModule({
    module,
    config,
    entities: [VerwijzingRecord, PlaatsingRecord, FollowUpCheckRecord],
    migrations: receiverMigrations,
    controllers: receiverControllers(settings),
    providers: [{ provide: RECEIVER_SETTINGS, useValue: settings }, ReceiveOffer, AnswerReferral, PlacementCommands, FireDueChecks, CheckScheduler],
    eventHandlers: {
      inject: [ReceiveOffer],
      useFactory: (receive: ReceiveOffer) => ({
        [overdrachtOffered.type]: (event, manager) => receive.offered(event, manager),
        [overdrachtWithdrawn.type]: (event, manager) => receive.closedBySender(event, manager, 'withdraw'),
        [overdrachtExpired.type]: (event, manager) => receive.closedBySender(event, manager, 'expire'),
      }),
    },
  });
}
