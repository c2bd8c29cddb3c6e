import { ConflictException, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { REGISTERED_KINDS } from '@estafette/organisations-client';
import { ORGANISATIONS_SETTINGS, type OrganisationsSettings } from '../organisations-settings.js';
import { RegisterOrganisation } from './register-organisation.js';

/**
 * Registers the seed's organisations that are not there yet, at start (development: the demo organisations of
 * identity's demo directory). What ops changed since stays: a seeded organisation is never overwritten.
 */
@Injectable()
export class SeedOrganisations implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedOrganisations.name);

  constructor(
    private readonly register: RegisterOrganisation,
    @Inject(ORGANISATIONS_SETTINGS) private readonly settings: OrganisationsSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seed = this.settings.seed;
    if (!seed) return;
    let added = 0;
    for (const organisation of seed.organisations) {
      // A seed file is configuration: a wrong entry stops the start, naming it, rather than being skipped.
      if (!REGISTERED_KINDS.includes(organisation.kind) || typeof organisation.code !== 'string' || typeof organisation.name !== 'string') {
        throw new Error(`seed ${seed.label}: ${JSON.stringify(organisation)} is not { kind: ${REGISTERED_KINDS.join('|')}, code, name }`);
      }
      try {
        await this.register.register(organisation, { subject: `seed:${seed.label}`, role: 'seed' });
        added++;
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
      }
    }
    if (added) this.logger.log(`registered ${added} organisation(s) from the seed ${seed.label}`);
  }
}
