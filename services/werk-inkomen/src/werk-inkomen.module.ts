import { Module, type DynamicModule } from '@nestjs/common';
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
  ADULT_RETURNS_TO,
  plaatsingHoldings,
  MijnVerwijzingenController,
  receiverServiceModule,
  uitgaandeOverdrachtHoldings,
  uitgaandeOverdrachtRetention,
  uitgaandeOverdrachtWerkrelatie,
  verwijzingHoldings,
  verwijzingRetention,
  verwijzingWerkrelatie,
  type AdultReturnsTo,
  type ReceiverSettings,
} from '@estafette/receiver';
import { zoekperiodeHoldings } from './application/inzage-holdings.js';
import type { ServiceConfig } from '@estafette/service-kit';
import { StartZoekperiode } from './application/start-zoekperiode.js';
import { ZoekperiodeController } from './http/zoekperiode.controller.js';
import { werkInkomenServiceMigrations } from './persistence/migrations.js';
import { ZoekperiodeRecord } from './persistence/zoekperiode.entity.js';

/** From 23 a failed placement stays here: this W&I is the municipality's. */
const staysHere: AdultReturnsTo = (referral) => ({ organisationType: 'werk-inkomen', id: referral.organisationId });

export type WerkInkomenSettings = Pick<ReceiverSettings, 'publicUrl' | 'timerIntervalMs' | 'followUpMonths'>;

/**
 * Werk & Inkomen: the shared receiving side for wi-consulenten, plus what only W&I does: the zoekperiode,
 * and keeping a young person of 23 or older whose placement failed (the RMC duty ended).
 */
@Module({})
export class WerkInkomenModule {
  static forRoot(config: ServiceConfig, settings: WerkInkomenSettings): DynamicModule {
    // Bewaartermijnen (libs/privacy): closed referrals with their zoekperiode, the purge record, the access log and the outbox.
    const retention = retentionParts({
      service: 'werk-inkomen',
      statements: {
        verwijzing: verwijzingRetention(['zoekperiode']),
        'uitgaande-overdracht': uitgaandeOverdrachtRetention,
        ...verwijderingRetentionStatements,
        ...sharedRetentionStatements,
      },
    });
    return receiverServiceModule(
      WerkInkomenModule,
      config,
      { ...settings, organisationType: 'werk-inkomen', roles: ['wi-consulent'] },
      {
        entities: [ZoekperiodeRecord, ...retention.entities],
        migrations: werkInkomenServiceMigrations,
        controllers: [ZoekperiodeController, InzageController, WerkrelatieController, MijnVerwijzingenController, ...retention.controllers],
        providers: [
          StartZoekperiode,
          { provide: ADULT_RETURNS_TO, useValue: staysHere },
          ...inzageProviders({
            service: 'werk-inkomen',
            parts: [verwijzingHoldings, plaatsingHoldings, uitgaandeOverdrachtHoldings, zoekperiodeHoldings],
          }),
          ...werkrelatieProviders([verwijzingWerkrelatie, uitgaandeOverdrachtWerkrelatie]),
          ...retention.providers,
        ],
      },
    );
  }
}
