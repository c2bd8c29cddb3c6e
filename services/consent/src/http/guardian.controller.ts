import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, type Repository } from 'typeorm';
import { CurrentUser, Roles, type Principal } from '@estafette/auth';
import { pageOf, pageWindow, PageQuery, ServiceCalendar } from '@estafette/service-kit';
import { CoSignToestemming } from '../application/co-sign-toestemming.js';
import { DeclineToestemming } from '../application/decline-toestemming.js';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent-settings.js';
import { awaitsGuardian } from '../domain/toestemming.js';
import { toToestemming } from '../persistence/to-domain.js';
import { ToestemmingRecord } from '../persistence/toestemming.entity.js';
import { toestemmingView } from './views.js';

/**
 * A parent or guardian, logged in as themself: sees the consents of the young people they are linked to (the
 * token's guardian_of claim) that wait for them, and co-signs or declines one. Any other consent is not found (404).
 */
@ApiTags('ouder-of-voogd')
@Controller('guardian')
@Roles('ouder-of-voogd')
export class GuardianController {
  constructor(
    private readonly coSign: CoSignToestemming,
    private readonly decline: DeclineToestemming,
    @InjectRepository(ToestemmingRecord) private readonly toestemmingen: Repository<ToestemmingRecord>,
    @Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings,
    private readonly calendar: ServiceCalendar,
  ) {}

  @Get('toestemmingen')
  @ApiOperation({ summary: 'Consents of my children (the young people I am linked to) that wait for my co-signature, oldest first.' })
  async pending(@CurrentUser() me: Principal, @Query() query: PageQuery) {
    const children = [...(me.guardianOf ?? [])];
    if (!children.length) return pageOf([], 0, query);
    const now = this.calendar.now();
    const rows = await this.toestemmingen.find({
      where: { subject: In(children), withdrawnAt: IsNull() },
      order: { givenAt: 'ASC', id: 'ASC' },
    });
    const waiting = rows.filter((r) => awaitsGuardian(toToestemming(r), now, this.settings.minorAgeThreshold));
    const { skip, take } = pageWindow(query);
    return pageOf(
      waiting.slice(skip, skip + take).map((r) => this.view(r, now)),
      waiting.length,
      query,
    );
  }

  @Post('toestemmingen/:id/co-sign')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Co-sign my child's consent: from now on it counts in decisions. 404 for a consent of someone else's child, 409 when withdrawn or already co-signed.",
  })
  async coSignOne(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.view(await this.coSign.execute(me, id));
  }

  @Post('toestemmingen/:id/weigering')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Decline my child's consent (weigering): it is withdrawn by ouder-of-voogd and never counts; the withdrawal event and audit step follow. 404 for a consent of someone else's child, 409 when withdrawn, already co-signed or not waiting for a guardian.",
  })
  async declineOne(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.view(await this.decline.execute(me, id));
  }

  /** A consent as the guardian sees it: whose it is (the child's subject) and its view at `now`. */
  private view(record: ToestemmingRecord, now = this.calendar.now()) {
    return { subject: record.subject, ...toestemmingView(record, this.settings.minorAgeThreshold, now) };
  }
}
