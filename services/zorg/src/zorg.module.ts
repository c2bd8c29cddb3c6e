import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ConsentClient, type ConsentAccess } from '@estafette/consent-client';
import {
  InzageController,
  inzageProviders,
  retentionParts,
  sharedRetentionStatements,
  verwijderingRetentionStatements,
  WerkrelatieController,
  werkrelatieProviders,
} from '@estafette/privacy';
import {
  plaatsingHoldings,
  MijnVerwijzingenController,
  receiverServiceModule,
  uitgaandeOverdrachtHoldings,
  uitgaandeOverdrachtRetention,
  uitgaandeOverdrachtWerkrelatie,
  verwijzingHoldings,
  verwijzingRetention,
  verwijzingWerkrelatie,
  type ReceiverSettings,
} from '@estafette/receiver';
import { careHoldings } from './application/inzage-holdings.js';
import type { ServiceConfig } from '@estafette/service-kit';
import { CareInformation, ZORG_CONSENT } from './application/care-information.js';
import { CareInformationController } from './http/care-information.controller.js';
import { zorgServiceMigrations } from './persistence/migrations.js';
import { ZorginformatieRecord } from './persistence/zorginformatie.entity.js';

export type ZorgSettings = Pick<ReceiverSettings, 'publicUrl' | 'timerIntervalMs' | 'followUpMonths'> & {
  /** Without it every read of care information by another organisation is denied (fail closed). */
  consent?: ConsentAccess;
};

/**
 * Zorg: the shared receiving side, for zorg-consulenten, plus the care information store. Care
 * information is never put in an event (the contracts allow no free text); it leaves this store only
 * through GET /verwijzingen/:id/zorginformatie, on explicit consent.
 */
@Module({})
export class ZorgModule {
  static forRoot(config: ServiceConfig, settings: ZorgSettings): DynamicModule {
    const { consent, ...receiver } = settings;
    // Bewaartermijnen (libs/privacy): closed referrals with their care information, the purge record, the access log and the outbox.
    const retention = retentionParts({
      service: 'zorg',
      statements: {
        verwijzing: verwijzingRetention(['zorginformatie']),
        'uitgaande-overdracht': uitgaandeOverdrachtRetention,
        ...verwijderingRetentionStatements,
        ...sharedRetentionStatements,
      },
    });
    return receiverServiceModule(
      ZorgModule,
      config,
      { ...receiver, organisationType: 'zorg', roles: ['zorg-consulent'] },
      {
        entities: [ZorginformatieRecord, ...retention.entities],
        migrations: zorgServiceMigrations,
        controllers: [
          CareInformationController,
          InzageController,
          WerkrelatieController,
          MijnVerwijzingenController,
          ...retention.controllers,
        ],
        providers: [
          { provide: ZORG_CONSENT, useValue: consentClient(consent) },
          CareInformation,
          ...inzageProviders({
            service: 'zorg',
            parts: [verwijzingHoldings, plaatsingHoldings, uitgaandeOverdrachtHoldings, careHoldings],
          }),
          ...werkrelatieProviders([verwijzingWerkrelatie, uitgaandeOverdrachtWerkrelatie]),
          ...retention.providers,
        ],
      },
    );
  }
}

/** Without service credentials there is no one to ask, so the client denies every read (it fails closed on the error). */
function consentClient(consent?: ConsentAccess): ConsentClient {
  const access = consent ?? {
    baseUrl: 'http://127.0.0.1:3005',
    accessToken: () =>
      Promise.reject(new Error('no consent service credentials configured (SERVICE_CLIENT_ID, ESTAFETTE_SERVICE_CLIENT_SECRET)')),
  };
  return new ConsentClient({
    ...access,
    onError: (error) => new Logger('ConsentClient').warn(`consent service not asked, care information not shared: ${error.message}`),
  });
}
