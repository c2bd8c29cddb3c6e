import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { serviceModule, type ServiceConfig } from '@estafette/service-kit';
import { RecordChainProgress } from './application/record-chain-progress.js';
import { RecordVerwijzing } from './application/record-verwijzing.js';
import { RegisterInschrijving } from './application/register-inschrijving.js';
import { RegisterUitschrijving } from './application/register-uitschrijving.js';
import { failClosedConsentClient } from '@estafette/consent-client';
import { DossierController, SCHOOL_CONSENT } from './http/dossier.controller.js';
import { BulkUitschrijvingController } from './http/bulk-uitschrijving.controller.js';
import { InschrijvingController } from './http/inschrijving.controller.js';
import { UitschrijvingController } from './http/uitschrijving.controller.js';
import { UitschrijvingCorrectieController } from './http/uitschrijving-correctie.controller.js';
import { CorrectUitschrijving } from './application/correct-uitschrijving.js';
import { WithdrawUitschrijving } from './application/withdraw-uitschrijving.js';
import { UitschrijvingCorrectieRecord } from './persistence/uitschrijving-correctie.entity.js';
import { schoolMigrations } from './persistence/migrations/index.js';
import { InschrijvingRecord } from './persistence/inschrijving.entity.js';
import { UitschrijvingRecord } from './persistence/uitschrijving.entity.js';
import { VerwijzingGezienRecord } from './persistence/verwijzing-gezien.entity.js';
import { SCHOOL_SETTINGS, type SchoolSettings } from './school-settings.js';
// Pro/vso nazorg: the school as sender of a warm handover to the municipality (the shared sender parts);
// back to school: the school as receiver of the RMC's offer (the shared inbox, no placements: it enrols).
import {
  receiverControllers,
  receiverEntities,
  receiverMigrations,
  receiverProviders,
  uitgaandeOverdrachtHoldings,
  uitgaandeOverdrachtWerkrelatie,
  verwijzingHoldings,
  verwijzingWerkrelatie,
  senderMigrations,
  senderParts,
  type ReceiverSettings,
} from '@estafette/receiver';
import { OfferNazorgOverdracht } from './application/offer-nazorg-overdracht.js';
import { NazorgOverdrachtController } from './http/nazorg-overdracht.controller.js';
// Bewaartermijnen (libs/privacy): the daily retention job and its audit, with the school's own statements.
import {
  InzageController,
  inzageProviders,
  retentionMigrations,
  retentionParts,
  WerkrelatieController,
  werkrelatieProviders,
} from '@estafette/privacy';
import { schoolRetentionPlan } from './persistence/retention.js';
import { schoolHoldings } from './application/inzage-holdings.js';
import { schoolWerkrelatie } from './application/werkrelatie.js';

/**
 * The school's migrations as its module runs them (its main.ts's `migrate` step applies the same): its own, the
 * sender's, the inbox's, retention's.
 */
export const schoolServiceMigrations = [
  ...new Set([...schoolMigrations, ...senderMigrations, ...receiverMigrations, ...retentionMigrations]),
];

@Module({})
export class SchoolModule {
  static forRoot(config: ServiceConfig, settings: SchoolSettings): DynamicModule {
    const sender = senderParts(
      { organisationType: 'school', publicUrl: settings.publicUrl, timerIntervalMs: settings.timerIntervalMs ?? 60_000 },
      ['school-staff'],
    );
    const inbox: ReceiverSettings = {
      organisationType: 'school',
      roles: ['school-staff'],
      placements: false,
      enrolment: true,
      publicUrl: settings.publicUrl,
      timerIntervalMs: settings.timerIntervalMs ?? 60_000,
    };
    const retention = retentionParts(schoolRetentionPlan);
    return serviceModule({
      module: SchoolModule,
      config,
      entities: [
        UitschrijvingRecord,
        UitschrijvingCorrectieRecord,
        InschrijvingRecord,
        VerwijzingGezienRecord,
        ...sender.entities,
        ...receiverEntities,
        ...retention.entities,
      ],
      migrations: schoolServiceMigrations,
      controllers: [
        BulkUitschrijvingController,
        UitschrijvingController,
        UitschrijvingCorrectieController,
        DossierController,
        InschrijvingController,
        NazorgOverdrachtController,
        InzageController,
        WerkrelatieController,
        ...sender.controllers,
        ...receiverControllers(inbox),
        ...retention.controllers,
      ],
      providers: [
        { provide: SCHOOL_SETTINGS, useValue: settings },
        { provide: SCHOOL_CONSENT, useValue: failClosedConsentClient(settings.consent, (m) => new Logger('ConsentClient').warn(m)) },
        RegisterUitschrijving,
        CorrectUitschrijving,
        WithdrawUitschrijving,
        RegisterInschrijving,
        RecordChainProgress,
        RecordVerwijzing,
        OfferNazorgOverdracht,
        ...sender.providers,
        ...receiverProviders(inbox),
        ...inzageProviders({ service: 'school', parts: [schoolHoldings, uitgaandeOverdrachtHoldings, verwijzingHoldings] }),
        ...werkrelatieProviders([schoolWerkrelatie, uitgaandeOverdrachtWerkrelatie, verwijzingWerkrelatie]),
        ...retention.providers,
      ],
    });
  }
}
