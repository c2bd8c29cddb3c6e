import { Controller, Get, Inject, NotFoundException, Param, type Provider } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, type EntityManager } from 'typeorm';
import { CurrentUser, Roles, type Principal } from '@estafette/auth';

/**
 * One kind of record that shows an organisation works with a young person now (an open task, a verwijzing it
 * accepted, an uitschrijving it made). True when one such record exists for this organisation and young person.
 */
export type WerkrelatiePart = (manager: EntityManager, subject: string, organisationId: string) => Promise<boolean>;

export const WERKRELATIE_PARTS = Symbol('WERKRELATIE_PARTS');

/** The young person's pseudonymous reference, as every service stores it. */
const SUBJECT = /^pr_[0-9A-HJKMNP-TV-Z]{26}$/;
/** A platform organisation id: kind, colon, code (brin:25XY, rmc:MC21, gemeente:GM0363, agb:…). */
const ORGANISATION = /^[a-z]+:[A-Za-z0-9]{1,32}$/;

/**
 * `GET /werkrelatie/:subject/:organisationId`: does this organisation work with this young person now, by this
 * service's own records? `{ worksWith: boolean }` and nothing else. Asked by the consent service before it puts an
 * organisation's consent request in front of a young person (design, issue 23: "for a young person it works with").
 * Only the platform's own service client (role `service`, organisation type `platform`) is answered; any other caller
 * gets 404, as for an unknown id. An answer names no content, so it is not logged as an access.
 */
@ApiTags('werkrelatie')
@Controller('werkrelatie')
export class WerkrelatieController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(WERKRELATIE_PARTS) private readonly parts: readonly WerkrelatiePart[],
  ) {}

  @Get(':subject/:organisationId')
  @Roles('service')
  @ApiOperation({
    summary:
      "Whether an organisation works with a young person now, by this service's records ({ worksWith }). Platform service client (the consent service) only; 404 otherwise.",
  })
  async worksWith(
    @Param('subject') subject: string,
    @Param('organisationId') organisationId: string,
    @CurrentUser() caller: Principal,
  ): Promise<{ worksWith: boolean }> {
    if (caller.organisationType !== 'platform') throw new NotFoundException('answered to the platform (consent service) only');
    if (!SUBJECT.test(subject) || !ORGANISATION.test(organisationId)) throw new NotFoundException('not a young person or organisation');
    const manager = this.dataSource.manager;
    for (const part of this.parts) if (await part(manager, subject, organisationId)) return { worksWith: true };
    return { worksWith: false };
  }
}

/** The providers a service module adds with WerkrelatieController: which of its records make a working relationship. */
export function werkrelatieProviders(parts: readonly WerkrelatiePart[]): Provider[] {
  return [{ provide: WERKRELATIE_PARTS, useValue: parts }];
}
