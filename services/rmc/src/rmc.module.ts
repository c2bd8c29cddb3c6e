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

@Module({})
export class RmcModule {
  static forRoot(config: ServiceConfig, settings: RmcSettings): DynamicModule {
    return serviceModule({
      module: RmcModule,
      config,
      entities: [TaakRecord, ContactMomentRecord, TimerRecord, InschrijvingSeenRecord],
      migrations: rmcMigrations,
      controllers: [WorklistController],
      providers: [{ provide: RMC_SETTINGS, useValue: settings }, RegisterVsvMelding, ProcessInschrijving, WorkOnTaak, FireDueTimers, TimerScheduler],
      eventHandlers: {
        inject: [RegisterVsvMelding, ProcessInschrijving],
        useFactory: (register: RegisterVsvMelding, inschrijving: ProcessInschrijving) => ({
          [uitschrijvingRegistered.type]: (event, manager) => register.handle(event, manager),
          [inschrijvingRegistered.type]: (event, manager) => inschrijving.handle(event, manager),
        }),
      },
    });
  }
}
