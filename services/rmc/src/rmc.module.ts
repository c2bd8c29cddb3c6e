import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { failClosedConsentClient } from '@estafette/consent-client';
import { BetrokkenheidController, RMC_CONSENT } from './http/betrokkenheid.controller.js';
import { WieHelptMijController } from './http/wie-helpt-mij.controller.js';
import { serviceModule, type ServiceConfig } from '@estafette/service-kit';
import { FireDueTimers } from './application/fire-due-timers.js';
import { ProcessInschrijving } from './application/process-inschrijving.js';
import { RegisterVsvMelding } from './application/register-vsv-melding.js';
import { WorkOnTaak } from './application/work-on-taak.js';
import { FollowUitschrijvingCorrectie } from './application/follow-uitschrijving-correctie.js';
import { TaakCorrectieRecord } from './persistence/taak-correctie.entity.js';
import { WorklistController } from './http/worklist.controller.js';
import { ContactMomentRecord } from './persistence/contact-moment.entity.js';
import { InschrijvingSeenRecord } from './persistence/inschrijving-seen.entity.js';
import { rmcMigrations } from './persistence/migrations/index.js';
import { TaakRecord } from './persistence/taak.entity.js';
import { TimerRecord } from './persistence/timer.entity.js';
import { REGION_ROUTER, RMC_SETTINGS, type RmcSettings } from './rmc-settings.js';
import { buildRouter } from './domain/region-routing.js';
import { TimerScheduler } from './timers/timer-scheduler.js';
// The warm handover: the shared sending side (offers from a task), the baton projection, and the
// shared receiving side's inbox for handovers to the RMC (W&I back to the RMC, another region after a move; no placements here)
// and its pick-up of an uitval returned to a region (a new task).
import {
  RECEIVER_ON_ACCEPTED,
  RECEIVER_ON_UITVAL,
  SENDER_ON_REPLY,
  receiverControllers,
  receiverEntities,
  receiverProviders,
  uitgaandeOverdrachtHoldings,
  uitgaandeOverdrachtWerkrelatie,
  verwijzingHoldings,
  verwijzingWerkrelatie,
  senderParts,
  type ReceiverSettings,
} from '@estafette/receiver';
import { EndRegie } from './application/end-regie.js';
import { BatonProjection } from './application/baton-projection.js';
import { HandOverTaak } from './application/hand-over-taak.js';
import { TaakFollowsOverdracht } from './application/taak-follows-overdracht.js';
import { TakeOverVerwijzing } from './application/take-over-verwijzing.js';
import { BatonController } from './http/baton.controller.js';
import { TaakOverdrachtController } from './http/taak-overdracht.controller.js';
import { BatonEventRecord, BatonHolderRecord } from './persistence/baton.entity.js';
import { TaakHerkomstRecord } from './persistence/taak-herkomst.entity.js';
// The coordinator's caseload and bulk toewijzing.
import { ReadCaseload } from './application/read-caseload.js';
import { ReassignTaken } from './application/reassign-taken.js';
import { CaseloadController } from './http/caseload.controller.js';
import { ToewijzingLogRecord } from './persistence/toewijzing-log.entity.js';
// The consulent's day (issue 22): plan van aanpak, notes, periodic contact.
import { KeepPlanVanAanpak } from './application/keep-plan-van-aanpak.js';
import { WriteNotitie } from './application/write-notitie.js';
import { PlanVanAanpakController } from './http/plan-van-aanpak.controller.js';
import { NotitieRecord } from './persistence/notitie.entity.js';
import { PlanVanAanpakVersieRecord } from './persistence/plan-van-aanpak.entity.js';
// Bewaartermijnen (issue 20): the daily retention job and its audit, with the RMC's own statements.
import { retentionParts } from '@estafette/privacy';
import { rmcRetentionPlan } from './persistence/retention.js';

const RMC_STAFF: ['rmc-consulent', 'rmc-coordinator'] = ['rmc-consulent', 'rmc-coordinator'];

import { InzageController, inzageProviders, WerkrelatieController, werkrelatieProviders } from '@estafette/privacy';
import { rmcHoldings } from './application/inzage-holdings.js';
import { rmcWerkrelatie } from './application/werkrelatie.js';

@Module({})
export class RmcModule {
  static forRoot(config: ServiceConfig, settings: RmcSettings): DynamicModule {
    const inbox: ReceiverSettings = {
      organisationType: 'rmc',
      roles: RMC_STAFF,
      placements: false,
      publicUrl: settings.publicUrl,
      timerIntervalMs: settings.timerIntervalMs,
    };
    // `/overdrachten` is the older path of the same routes: offers made before carry it in their dataref.
    const sender = senderParts(
      { organisationType: 'rmc', publicUrl: settings.publicUrl, timerIntervalMs: settings.timerIntervalMs },
      RMC_STAFF,
      ['overdrachten'],
    );
    const retention = retentionParts(rmcRetentionPlan);
    return serviceModule({
      module: RmcModule,
      config,
      entities: [
        TaakRecord,
        ContactMomentRecord,
        TimerRecord,
        InschrijvingSeenRecord,
        BatonEventRecord,
        BatonHolderRecord,
        TaakHerkomstRecord,
        ToewijzingLogRecord,
        TaakCorrectieRecord,
        PlanVanAanpakVersieRecord,
        NotitieRecord,
        ...sender.entities,
        ...receiverEntities,
        ...retention.entities,
      ],
      migrations: rmcMigrations,
      controllers: [
        WorklistController,
        TaakOverdrachtController,
        BatonController,
        BetrokkenheidController,
        WieHelptMijController,
        CaseloadController,
        PlanVanAanpakController,
        InzageController,
        WerkrelatieController,
        ...sender.controllers,
        ...receiverControllers(inbox),
        ...retention.controllers,
      ],
      providers: [
        { provide: RMC_SETTINGS, useValue: settings },
        { provide: RMC_CONSENT, useValue: failClosedConsentClient(settings.consent, (m) => new Logger('ConsentClient').warn(m)) },
        // Built at start: a map naming a region CBS does not have refuses to boot.
        { provide: REGION_ROUTER, inject: [RMC_SETTINGS], useFactory: (s: RmcSettings) => buildRouter(s.regionMap) },
        RegisterVsvMelding,
        FollowUitschrijvingCorrectie,
        ProcessInschrijving,
        WorkOnTaak,
        FireDueTimers,
        TimerScheduler,
        ...sender.providers,
        HandOverTaak,
        TaakFollowsOverdracht,
        BatonProjection,
        EndRegie,
        { provide: SENDER_ON_REPLY, inject: [TaakFollowsOverdracht], useFactory: (taak: TaakFollowsOverdracht) => taak.onReply },
        { provide: RECEIVER_ON_UITVAL, inject: [TaakFollowsOverdracht], useFactory: (taak: TaakFollowsOverdracht) => taak.onUitval },
        ...receiverProviders(inbox),
        TakeOverVerwijzing,
        ReadCaseload,
        ReassignTaken,
        KeepPlanVanAanpak,
        WriteNotitie,
        ...inzageProviders({ service: 'rmc', parts: [rmcHoldings, uitgaandeOverdrachtHoldings, verwijzingHoldings] }),
        ...werkrelatieProviders([rmcWerkrelatie, uitgaandeOverdrachtWerkrelatie, verwijzingWerkrelatie]),
        { provide: RECEIVER_ON_ACCEPTED, inject: [TakeOverVerwijzing], useFactory: (take: TakeOverVerwijzing) => take.accepted.bind(take) },
        ...retention.providers,
      ],
    });
  }
}
