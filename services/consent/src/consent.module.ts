import { Module, type DynamicModule } from '@nestjs/common';
import { Toestemmingsverzoeken } from './application/toestemmingsverzoeken.js';
import { Werkrelaties } from './application/werkrelaties.js';
import { MijnVerzoekenController, VerzoekenController } from './http/toestemmingsverzoek.controller.js';
import { ToestemmingsverzoekRecord } from './persistence/toestemmingsverzoek.entity.js';
import { serviceModule, type ServiceConfig } from '@estafette/service-kit';
// Bewaartermijnen (libs/privacy): the daily retention job and its audit, with this service's own statements.
import { retentionParts } from '@estafette/privacy';
import { consentRetentionPlan } from './persistence/retention.js';
import { AnchorLedger } from './application/anchor-ledger.js';
import { AuditChains } from './application/audit-chains.js';
import { AuditLog } from './application/audit-log.js';
import { AuditWatch } from './application/audit-watch.js';
import { AssembleInzage } from './application/assemble-inzage.js';
import { CoSignToestemming } from './application/co-sign-toestemming.js';
import { DeclineToestemming } from './application/decline-toestemming.js';
import { RecordAgeSignal } from './application/record-age-signal.js';
import { ToestemmingAudit } from './application/toestemming-audit.js';
import { AnchorReader } from './messaging/anchor-reader.js';
import { DecideSharing } from './application/decide-sharing.js';
import { GiveToestemming } from './application/give-toestemming.js';
import { WithdrawToestemming } from './application/withdraw-toestemming.js';
import { CONSENT_SETTINGS, type ConsentSettings } from './consent-settings.js';
import { DecisionController } from './http/decision.controller.js';
import { GuardianController } from './http/guardian.controller.js';
import { InzageVerzoekenController, MyInzageController } from './http/inzage.controller.js';
import { MyToestemmingenController } from './http/my-toestemmingen.controller.js';
import { PrivacyOfficerController } from './http/privacy-officer.controller.js';
import { DecisionAuditRecord } from './persistence/decision-audit.entity.js';
import { InzageVerzoekRecord } from './persistence/inzage-verzoek.entity.js';
import { consentMigrations } from './persistence/migrations/index.js';
import { SubjectAgeRecord } from './persistence/subject-age.entity.js';
import { ToestemmingAuditRecord } from './persistence/toestemming-audit.entity.js';
import { ToestemmingRecord } from './persistence/toestemming.entity.js';

@Module({})
export class ConsentModule {
  static forRoot(config: ServiceConfig, settings: ConsentSettings): DynamicModule {
    const retention = retentionParts({ inject: [AuditChains], useFactory: consentRetentionPlan });
    return serviceModule({
      module: ConsentModule,
      config,
      entities: [
        ToestemmingRecord,
        DecisionAuditRecord,
        SubjectAgeRecord,
        ToestemmingAuditRecord,
        InzageVerzoekRecord,
        ToestemmingsverzoekRecord,
        ...retention.entities,
      ],
      migrations: consentMigrations,
      controllers: [
        DecisionController,
        MyToestemmingenController,
        GuardianController,
        PrivacyOfficerController,
        MyInzageController,
        InzageVerzoekenController,
        VerzoekenController,
        MijnVerzoekenController,
        ...retention.controllers,
      ],
      providers: [
        { provide: CONSENT_SETTINGS, useValue: settings },
        AuditChains,
        Toestemmingsverzoeken,
        Werkrelaties,
        AuditLog,
        ToestemmingAudit,
        AnchorLedger,
        AnchorReader,
        AuditWatch,
        DecideSharing,
        GiveToestemming,
        WithdrawToestemming,
        CoSignToestemming,
        DeclineToestemming,
        RecordAgeSignal,
        AssembleInzage,
        ...retention.providers,
      ],
      // RecordAgeSignal consumes the schools' signals (declared on it): the only source of whether a guardian must co-sign.
    });
  }
}
