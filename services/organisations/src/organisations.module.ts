import { Module, type DynamicModule } from '@nestjs/common';
import { serviceModule, type ServiceConfig } from '@estafette/service-kit';
import { FindOrganisations } from './application/find-organisations.js';
import { RegisterOrganisation } from './application/register-organisation.js';
import { SearchDirectory } from './application/search-directory.js';
import { SeedOrganisations } from './application/seed-organisations.js';
import { LookupController, OrganisationsController } from './http/organisations.controller.js';
import { ZoekenController } from './http/zoeken.controller.js';
import { organisationsMigrations } from './persistence/migrations/index.js';
import { OrganisationAuditRecord } from './persistence/organisation-audit.entity.js';
import { OrganisationRecord } from './persistence/organisation.entity.js';
import { ORGANISATIONS_SETTINGS, type OrganisationsSettings } from './organisations-settings.js';

@Module({})
export class OrganisationsModule {
  static forRoot(config: ServiceConfig, settings: OrganisationsSettings): DynamicModule {
    return serviceModule({
      module: OrganisationsModule,
      config,
      entities: [OrganisationRecord, OrganisationAuditRecord],
      migrations: organisationsMigrations,
      controllers: [OrganisationsController, LookupController, ZoekenController],
      providers: [
        { provide: ORGANISATIONS_SETTINGS, useValue: settings },
        FindOrganisations,
        RegisterOrganisation,
        SeedOrganisations,
        SearchDirectory,
      ],
    });
  }
}
