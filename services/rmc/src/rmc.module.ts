import { Module, type DynamicModule } from '@nestjs/common';
import { inschrijvingRegistered, uitschrijvingRegistered } from '@estafette/contracts';
import { serviceModule, type ServiceConfig } from '@estafette/service-kit';
import { FireDueTimers } from './application/fire-due-timers.js';
import { ProcessInschrijving } from './application/process-inschrijving.js';
import { RegisterVsvMelding } from './application/register-vsv-melding.js';
import { WorkOnTaak } from './application/work-on-taak.js';
import { WorklistController } from './http/worklist.controller.js';
import { ContactMomentRecord } from './persistence/contact-moment.entity.js';
import { InschrijvingSeenRecord } from './persistence/inschrijving-seen.entity.js';
import { rmcMigrations } from './persistence/migrations/index.js';
import { TaakRecord } from './persistence/taak.entity.js';
import { TimerRecord } from './persistence/timer.entity.js';
import { RMC_SETTINGS, type RmcSettings } from './rmc-settings.js';
import { TimerScheduler } from './timers/timer-scheduler.js';
// The warm handover (sender side, baton projection): see README "Overdracht".
import { BatonProjection } from './application/baton-projection.js';
import { ExpireDueOffers } from './application/expire-due-offers.js';
import { FollowHandover } from './application/follow-handover.js';
import { handoverHandlers } from './application/handover-handlers.js';
import { OfferOverdracht } from './application/offer-overdracht.js';
import { BatonController } from './http/baton.controller.js';
import { OverdrachtenController, TaakOverdrachtController } from './http/overdracht.controller.js';
import { BatonEventRecord, BatonHolderRecord } from './persistence/baton.entity.js';
import { overdrachtMigrations } from './persistence/migrations/1767500000000-create-overdracht.js';
import { OverdrachtTimerRecord } from './persistence/overdracht-timer.entity.js';
import { OverdrachtRecord } from './persistence/overdracht.entity.js';
import { TaakHerkomstRecord } from './persistence/taak-herkomst.entity.js';
import { OfferExpiryScheduler } from './timers/offer-expiry-scheduler.js';
// Handovers to the RMC (W&I back to the RMC): the shared receiving side's inbox and answers, no placements.
import { RECEIVER_ON_ACCEPTED, ReceiveOffer, receiverControllers, receiverEntities, receiverMigrations, receiverProviders, type ReceiverSettings } from '@estafette/receiver';
import { TakeOverReferral } from './application/take-over-referral.js';
import { ReturningFromOverdracht1767700000000 } from './persistence/migrations/1767700000000-returning-from-overdracht.js';

@Module({})
export class RmcModule {
  static forRoot(config: ServiceConfig, settings: RmcSettings): DynamicModule {
    const inbox: ReceiverSettings = { organisationType: 'rmc', role: 'rmc-consulent', zoekperiode: false, placements: false, publicUrl: settings.publicUrl, timerIntervalMs: settings.timerIntervalMs };
    return serviceModule({
      module: RmcModule,
      config,
      entities: [TaakRecord, ContactMomentRecord, TimerRecord, InschrijvingSeenRecord, OverdrachtRecord, OverdrachtTimerRecord, BatonEventRecord, BatonHolderRecord, TaakHerkomstRecord, ...receiverEntities],
      migrations: [...rmcMigrations, ...overdrachtMigrations, ...receiverMigrations, ReturningFromOverdracht1767700000000],
      controllers: [WorklistController, TaakOverdrachtController, OverdrachtenController, BatonController, ...receiverControllers(inbox)],
      providers: [{ provide: RMC_SETTINGS, useValue: settings }, RegisterVsvMelding, ProcessInschrijving, WorkOnTaak, FireDueTimers, TimerScheduler,
        OfferOverdracht, ExpireDueOffers, OfferExpiryScheduler, FollowHandover, BatonProjection,
        ...receiverProviders(inbox), TakeOverReferral,
        { provide: RECEIVER_ON_ACCEPTED, inject: [TakeOverReferral], useFactory: (take: TakeOverReferral) => take.accepted.bind(take) }],
      eventHandlers: {
        inject: [RegisterVsvMelding, ProcessInschrijving, BatonProjection, FollowHandover, ReceiveOffer],
        useFactory: (register: RegisterVsvMelding, inschrijving: ProcessInschrijving, projection: BatonProjection, follow: FollowHandover, receive: ReceiveOffer) => ({
          ...handoverHandlers(projection, follow, receive),
          [uitschrijvingRegistered.type]: (event, manager) => register.handle(event, manager),
          [inschrijvingRegistered.type]: (event, manager) => inschrijving.handle(event, manager),
        }),
      },
    });
  }
}
