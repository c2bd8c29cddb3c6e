import { Module, type DynamicModule } from '@nestjs/common';
import { vsvMeldingCancelled, vsvMeldingRegistered } from '@estafette/contracts';
import { serviceModule, type ServiceConfig } from '@estafette/service-kit';
import { RecordChainProgress } from './application/record-chain-progress.js';
import { RegisterInschrijving } from './application/register-inschrijving.js';
import { RegisterUitschrijving } from './application/register-uitschrijving.js';
import { BulkUitschrijvingController } from './http/bulk-uitschrijving.controller.js';
import { InschrijvingController } from './http/inschrijving.controller.js';
import { UitschrijvingController } from './http/uitschrijving.controller.js';
import { schoolMigrations } from './persistence/migrations/index.js';
import { InschrijvingRecord } from './persistence/inschrijving.entity.js';
import { UitschrijvingRecord } from './persistence/uitschrijving.entity.js';
import { SCHOOL_SETTINGS, type SchoolSettings } from './school-settings.js';

@Module({})
export class SchoolModule {
  static forRoot(config: ServiceConfig, settings: SchoolSettings): DynamicModule {
    return serviceModule({
      module: SchoolModule,
      config,
      entities: [UitschrijvingRecord, InschrijvingRecord],
      migrations: schoolMigrations,
      controllers: [BulkUitschrijvingController, UitschrijvingController, InschrijvingController],
      providers: [{ provide: SCHOOL_SETTINGS, useValue: settings }, RegisterUitschrijving, RegisterInschrijving, RecordChainProgress],
      eventHandlers: {
        inject: [RecordChainProgress],
        useFactory: (progress: RecordChainProgress) => ({
          [vsvMeldingRegistered.type]: (event, manager) => progress.handle(event, manager, 'vsv-gemeld'),
          [vsvMeldingCancelled.type]: (event, manager) => progress.handle(event, manager, 'vsv-vervallen'),
        }),
      },
    });
  }
}
