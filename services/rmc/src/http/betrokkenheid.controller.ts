import { BadRequestException, Controller, ForbiddenException, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles, type Principal } from '@estafette/auth';
import { ConsentClient, withSignal } from '@estafette/consent-client';
import { batonAfter } from '@estafette/overdracht';
import { BatonProjection } from '../application/baton-projection.js';
import { signalPurposeFor } from '../domain/betrokkenheid.js';
import { BatonHolderRecord } from '../persistence/baton.entity.js';

export const RMC_CONSENT = Symbol('RMC_CONSENT');

const PSEUDONYMOUS_REFERENCE = /^pr_[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * THAT before WHAT (docs/privacy.md): another organisation asks the RMC who holds the baton for a young person, and
 * gets the organisation and its role, never content. The consent service decides at level `signaal` for the RMC
 * region that knows the young person; the read is logged in this store.
 */
@ApiTags('baton')
@ApiBearerAuth()
@Controller('betrokkenheid')
export class BetrokkenheidController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projection: BatonProjection,
    @Inject(RMC_CONSENT) private readonly consent: ConsentClient,
  ) {}

  @Get(':pseudonymousReference')
  @Roles('wi-consulent', 'zorg-consulent', 'school-staff')
  @ApiOperation({
    summary:
      'THAT: who holds the baton for this young person (organisation and role, no content), when the consent service permits at level signaal (convenant signaal flow or consent). 403 with the reason when refused; 404 for a young person the RMC does not know.',
  })
  async betrokkenheid(@Param('pseudonymousReference') subject: string, @CurrentUser() reader: Principal) {
    if (!PSEUDONYMOUS_REFERENCE.test(subject)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: [{ field: 'pseudonymousReference', reason: 'must be a pseudonymous reference (pr_ and 26 characters)' }],
      });
    }
    const purpose = signalPurposeFor(reader.organisationType);
    if (!purpose) throw new ForbiddenException('no purpose for which this organisation may ask who is involved');
    const row = await this.dataSource.getRepository(BatonHolderRecord).findOneBy({ pseudonymousReference: subject });
    const region = row?.holderType === 'rmc' && row.holderId ? row.holderId : row?.regions.at(-1) ? `rmc:${row.regions.at(-1)}` : undefined;
    if (!row || !region) throw new NotFoundException('the RMC does not know this young person');
    return this.dataSource.transaction((manager) =>
      withSignal({
        consent: this.consent,
        reader,
        holder: { organisationType: 'rmc', id: region },
        subject,
        dataCategories: ['trajectgegevens'],
        purpose,
        resource: `betrokkenheid/${subject}`,
        manager,
        load: async () => {
          const holder = batonAfter(await this.projection.eventsOf(manager, subject)).holder;
          return holder ? [{ organisation: holder, role: 'regiehouder', contactChannel: null }] : [];
        },
      }),
    );
  }
}
