import { Body, Controller, ForbiddenException, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CurrentUser, Roles, type Principal } from '@estafette/auth';
import { OrganisationsClient } from '@estafette/organisations-client';
import { pageOf, pageWindow, PageQuery, ServiceCalendar } from '@estafette/service-kit';
import { GiveToestemming } from '../application/give-toestemming.js';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent-settings.js';
import { WithdrawToestemming } from '../application/withdraw-toestemming.js';
import type { DecidedBy, DecisionReason } from '../domain/decide.js';
import { describeAccess } from '../domain/plain-dutch.js';
import { whoKnowsWhat, type AuditedDecision } from '../domain/wie-weet-wat.js';
import type { DataCategory, Level, Purpose } from '../domain/vocabulary.js';
import { DecisionAuditRecord } from '../persistence/decision-audit.entity.js';
import { ToestemmingRecord } from '../persistence/toestemming.entity.js';
import { GiveToestemmingDto } from './give-toestemming.dto.js';
import { toestemmingView } from './views.js';

/** The young person's own view: the token's subject is their pseudonymous reference, so nobody else's rows are reachable. */
@ApiTags('jongere')
@Controller('me')
@Roles('jongere')
export class MyToestemmingenController {
  constructor(
    private readonly give: GiveToestemming,
    private readonly withdraw: WithdrawToestemming,
    @InjectRepository(ToestemmingRecord) private readonly toestemmingen: Repository<ToestemmingRecord>,
    @InjectRepository(DecisionAuditRecord) private readonly decisions: Repository<DecisionAuditRecord>,
    @Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings,
    private readonly calendar: ServiceCalendar,
    private readonly organisations: OrganisationsClient,
  ) {}

  @Get('toestemmingen')
  @ApiOperation({ summary: 'My consents, newest first, with their status (active, withdrawn, expired, not-yet-valid).' })
  async list(@CurrentUser() me: Principal, @Query() query: PageQuery) {
    const [items, total] = await this.toestemmingen.findAndCount({
      where: { subject: me.subject },
      order: { givenAt: 'DESC', id: 'ASC' },
      ...pageWindow(query),
    });
    return pageOf(
      items.map((r) => toestemmingView(r, this.settings.minorAgeThreshold, this.calendar.now())),
      total,
      query,
    );
  }

  @Post('toestemmingen')
  @ApiOperation({
    summary:
      "Give an explicit, specific consent (generic consent is refused with 400). While the school's record makes the young person a minor (or no school reported them yet) it waits for a parent's or guardian's co-signature (awaitingGuardian).",
  })
  async create(@CurrentUser() me: Principal, @Body() body: GiveToestemmingDto) {
    // The young person consents for themself only; a parent or guardian co-signs with their own login.
    if (body.grantedBy?.includes('ouder-of-voogd')) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: 'A young person cannot consent as parent or guardian',
        errors: [
          {
            field: 'grantedBy',
            reason: "only 'jongere': a parent or guardian co-signs with their own login (POST /guardian/toestemmingen/{id}/co-sign)",
          },
        ],
      });
    }
    return toestemmingView(await this.give.execute({ ...body, subject: me.subject }), this.settings.minorAgeThreshold, this.calendar.now());
  }

  // `/withdraw` is the older path: an alias for one version (docs/glossary.md: one word, intrekking).
  @Post(['toestemmingen/:id/intrekking', 'toestemmingen/:id/withdraw'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a consent (intrekking); the next decision denies. `/withdraw` is the older alias.' })
  async withdrawOne(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return toestemmingView(await this.withdraw.execute(me.subject, id, 'jongere'), this.settings.minorAgeThreshold, this.calendar.now());
  }

  @Get('access-log')
  @ApiOperation({ summary: 'Who asked to see what about me, when, on which basis, and whether it was allowed: in plain Dutch.' })
  async accessLog(@CurrentUser() me: Principal, @Query() query: PageQuery) {
    const [rows, total] = await this.decisions.findAndCount({
      where: { subject: me.subject },
      order: { sequence: 'DESC' },
      ...pageWindow(query),
    });
    const items = rows.map((row) => {
      const request = row.request as {
        from: { id: string };
        to: { id: string };
        dataCategories: DataCategory[];
        purpose: Purpose;
        level: Level;
      };
      const outcome = row.outcome as { permit: boolean; reason: DecisionReason; decidedBy: DecidedBy };
      return {
        at: row.decidedAt.toISOString(),
        requester: request.to.id,
        holder: request.from.id,
        dataCategories: request.dataCategories,
        purpose: request.purpose,
        permitted: outcome.permit,
        basis: outcome.decidedBy,
        text: describeAccess({
          accessedAt: row.decidedAt,
          requester: request.to.id,
          holder: request.from.id,
          dataCategories: request.dataCategories,
          purpose: request.purpose,
          level: request.level,
          permitted: outcome.permit,
          reason: outcome.reason,
          decidedBy: outcome.decidedBy,
        }),
      };
    });
    return pageOf(items, total, query);
  }

  @Get('wie-weet-wat')
  @ApiOperation({
    summary:
      'Which organisations know THAT I am in contact with someone (signaal) and which know WHAT (inhoud): per organisation the highest level it was permitted, with when, from whom, why and on which basis; names from the organisation directory where known.',
  })
  async whoKnowsWhat(@CurrentUser() me: Principal) {
    const rows = await this.decisions.find({ where: { subject: me.subject, permit: true }, order: { sequence: 'ASC' } });
    const known = whoKnowsWhat(rows.map((r) => ({ decidedAt: r.decidedAt, request: r.request, outcome: r.outcome }) as AuditedDecision));
    const names = await this.organisations.names(known.flatMap((k) => [k.organisation.id, k.holder.id]));
    const named = (o: { organisationType: string; id: string }) => ({ ...o, name: names[o.id] ?? null });
    return {
      items: known.map((k) => ({
        organisation: named(k.organisation),
        level: k.level,
        at: k.at.toISOString(),
        holder: named(k.holder),
        purpose: k.purpose,
        basis: k.basis,
      })),
    };
  }
}
