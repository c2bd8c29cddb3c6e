import { Module, type DynamicModule } from '@nestjs/common';
import { serviceModule, type ServiceConfig } from '@estafette/service-kit';
import { AuditLog } from './application/audit-log.js';
import { DecideSharing } from './application/decide-sharing.js';
import { GiveToestemming } from './application/give-toestemming.js';
import { WithdrawToestemming } from './application/withdraw-toestemming.js';
import { CONSENT_SETTINGS, type ConsentSettings } from './consent-settings.js';
import { DecisionController } from './http/decision.controller.js';
import { MyToestemmingenController } from './http/my-toestemmingen.controller.js';
import { PrivacyOfficerController } from './http/privacy-officer.controller.js';
import { DecisionAuditRecord } from './persistence/decision-audit.entity.js';
import { consentMigrations } from './persistence/migrations/index.js';
import { ToestemmingRecord } from './persistence/toestemming.entity.js';

@Module({})
export class ConsentModule {
  static forRoot(config: ServiceConfig, settings: ConsentSettings): DynamicModule {
    return serviceModule({
      module: ConsentModule,
      config,
      entities: [ToestemmingRecord, DecisionAuditRecord],
      migrations: consentMigrations,
      controllers: [DecisionController, MyToestemmingenController, PrivacyOfficerController],
      providers: [{ provide: CONSENT_SETTINGS, useValue: settings }, AuditLog, DecideSharing, GiveToestemming, WithdrawToestemming],
    });
  }
}
