import { Controller, Get, Inject, NotFoundException, Optional, Param, type Provider } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, type EntityManager } from 'typeorm';
import { CurrentUser, Roles, type Principal } from '@estafette/auth';
import { OrganisationsClient } from '@estafette/organisations-client';
import { accessesOf } from './access-entries.js';
import type { InzageAvailableSection, InzageRecord } from './inzage-document.js';
import { removalsInDutch } from './removals-in-dutch.js';

/** Organisation id -> name for the ids the directory knows; `{}` when it cannot be asked (names are a courtesy). */
export type Names = Record<string, string>;

/** One kind of record a service holds, read for one young person: e.g. its uitschrijvingen, or its plaatsingen. */
export type HoldingsPart = (manager: EntityManager, subject: string, names: (ids: string[]) => Promise<Names>) => Promise<InzageRecord[]>;

/** What a service holds, as the inzage shows it: its name and the parts that read its records. */
export interface InzageHoldings {
  /** The service's name in the document, e.g. `school`, `rmc`, `werk-inkomen`. */
  service: string;
  parts: HoldingsPart[];
}

export const INZAGE_HOLDINGS = Symbol('INZAGE_HOLDINGS');

/** The young person's pseudonymous reference, as every service stores it. */
const SUBJECT = /^pr_[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * `GET /inzage/:subject`: everything this service holds about one young person and every read of it, in the one
 * InzageSection shape. Only the platform's own service client (role `service`, organisation type `platform`: the
 * consent service, which assembles the inzage) is answered; any other service client gets 404, as for an unknown id.
 * The read is not logged as an access: it is the young person's own request, logged by the consent service.
 */
@ApiTags('inzage')
@Controller('inzage')
export class InzageController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(INZAGE_HOLDINGS) private readonly holdings: InzageHoldings,
    @Optional() private readonly organisations?: OrganisationsClient,
  ) {}

  @Get(':subject')
  @Roles('service')
  @ApiOperation({
    summary:
      "What this service holds about one young person (records by data category, fields in plain Dutch) and every read of it (organisation, role, purpose, basis), for the consent service's inzage. Platform service client only.",
  })
  async section(@Param('subject') subject: string, @CurrentUser() caller: Principal): Promise<InzageAvailableSection> {
    if (caller.organisationType !== 'platform')
      throw new NotFoundException('the inzage is answered to the platform (consent service) only');
    if (!SUBJECT.test(subject)) throw new NotFoundException('not a pseudonymous reference');
    const names = (ids: Iterable<string | null | undefined>) => this.names(ids);
    const manager = this.dataSource.manager;
    const records = (await Promise.all(this.holdings.parts.map((part) => part(manager, subject, names)))).flat();
    return {
      service: this.holdings.service,
      status: 'beschikbaar',
      records,
      accesses: await accessesOf(manager, subject, names),
      // Every service with an inzage receives verwijzingen (libs/receiver), so it keeps the purge records.
      removals: await removalsInDutch(manager, subject),
    };
  }

  private async names(ids: Iterable<string | null | undefined>): Promise<Names> {
    if (!this.organisations) return {};
    try {
      return await this.organisations.names(ids);
    } catch {
      return {};
    }
  }
}

/** The providers a service module adds with InzageController: what it holds. */
export function inzageProviders(holdings: InzageHoldings): Provider[] {
  return [{ provide: INZAGE_HOLDINGS, useValue: holdings }];
}
