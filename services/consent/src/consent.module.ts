import { Module, type DynamicModule } from '@nestjs/common';
import { serviceModule, type ServiceConfig } from '@estafette/service-kit';
import { inschrijvingRegistered, uitschrijvingRegistered, type InschrijvingRegisteredData, type UitschrijvingRegisteredData } from '@estafette/contracts';
import { AuditLog } from './application/audit-log.js';
import { CoSignToestemming } from './application/co-sign-toestemming.js';
import { RecordAgeSignal } from './application/record-age-signal.js';
import { DecideSharing } from './application/decide-sharing.js';
import { GiveToestemming } from './application/give-toestemming.js';
import { WithdrawToestemming } from './application/withdraw-toestemming.js';
import { CONSENT_SETTINGS, type ConsentSettings } from './consent-settings.js';
import { DecisionController } from './http/decision.controller.js';
import { GuardianController } from './http/guardian.controller.js';
import { MyToestemmingenController } from './http/my-toestemmingen.controller.js';
import { PrivacyOfficerController } from './http/privacy-officer.controller.js';
import { DecisionAuditRecord } from './persistence/decision-audit.entity.js';
import { consentMigrations } from './persistence/migrations/index.js';
import { SubjectAgeRecord } from './persistence/subject-age.entity.js';
import { ToestemmingAuditRecord } from './persistence/toestemming-audit.entity.js';
import { ToestemmingRecord } from './persistence/toestemming.entity.js';

@Module({})
export class ConsentModule {
  static forRoot(config: ServiceConfig, settings: ConsentSettings): DynamicModule {
    return serviceModule({
      module: ConsentModule,
      config,
      entities: [ToestemmingRecord, DecisionAuditRecord, SubjectAgeRecord, ToestemmingAuditRecord],
      migrations: consentMigrations,
      controllers: [DecisionController, MyToestemmingenController, GuardianController, PrivacyOfficerController],
      providers: [{ provide: CONSENT_SETTINGS, useValue: settings }, AuditLog, DecideSharing, GiveToestemming, WithdrawToestemming, CoSignToestemming, RecordAgeSignal],
      // The schools' signals carry the young person's age on a date: the only source of whether a guardian must co-sign.
      eventHandlers: {
        inject: [RecordAgeSignal],
        useFactory: (ages: RecordAgeSignal) => ({
          [uitschrijvingRegistered.type]: (event, manager) => {
            const data = event.data as UitschrijvingRegisteredData;
            return ages.handle(event, manager, { age: data.ageAtDeregistration, onDate: data.dateOfDeregistration });
          },
          [inschrijvingRegistered.type]: (event, manager) => {
            const data = event.data as InschrijvingRegisteredData;
            return ages.handle(event, manager, { age: data.ageAtEnrolment, onDate: data.dateOfEnrolment });
          },
        }),
      },
    });
  }
}
