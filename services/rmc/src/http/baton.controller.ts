import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@estafette/auth';
import { DataSource } from 'typeorm';
import { ServiceCalendar } from '@estafette/service-kit';
import { batonAfter } from '@estafette/overdracht';
import { BatonProjection } from '../application/baton-projection.js';
import type { RegionRouter } from '../domain/region-routing.js';
import { BatonHolderRecord } from '../persistence/baton.entity.js';
import { REGION_ROUTER } from '../rmc-settings.js';

/** A coordinator sees their own region's young people; ops (the platform) sees all. */
const regionFilter = (user: Principal) => (user.role === 'ops' ? undefined : (user.organisationId ?? '').replace(/^rmc:/, ''));

/**
 * The invariant as an API: who holds the baton, which young people in scope have none, and which are held although out
 * of scope. "No holder" means nobody at all, or the RMC holding it (by the events) without a task of its own to act on.
 */
@ApiTags('baton')
@Controller('baton')
export class BatonController {
  constructor(
    @Inject(REGION_ROUTER) private readonly regions: RegionRouter,
    private readonly dataSource: DataSource,
    private readonly projection: BatonProjection,
    private readonly calendar: ServiceCalendar,
  ) {}

  /** CBS name of the RMC region behind an organisation id (rmc:MC21 -> Agglomeratie Amsterdam); null for other holders. */
  private regionName(holderId: string | null | undefined): string | null {
    return holderId?.startsWith('rmc:') ? (this.regions.regionName(holderId.slice(4)) ?? null) : null;
  }

  @Get('without-holder')
  @Roles('rmc-coordinator', 'ops')
  @ApiOperation({ summary: 'Young people without a baton holder: must be empty.' })
  async withoutHolder(@CurrentUser() user: Principal) {
    const region = regionFilter(user);
    const rows: { pseudonymousReference: string; holderType: string | null; holderId: string | null }[] = await this.dataSource.query(
      `SELECT b.pseudonymous_reference AS "pseudonymousReference", b.holder_type AS "holderType", b.holder_id AS "holderId"
         FROM baton_holder b
        WHERE ($1::text IS NULL OR $1 = ANY (b.regions))
          AND b.in_scope
          AND (b.holder_id IS NULL
               OR (b.holder_type = 'rmc' AND NOT EXISTS (
                     SELECT 1 FROM taak t
                      WHERE t.pseudonymous_reference = b.pseudonymous_reference
                        AND 'rmc:' || t.region = b.holder_id
                        AND t.status NOT IN ('overgedragen', 'gesloten'))))
        ORDER BY b.pseudonymous_reference
        LIMIT 1000`,
      [region ?? null],
    );
    return { items: rows.map((r) => ({ ...r, regionName: this.regionName(r.holderId) })), total: rows.length };
  }

  @Get('held-out-of-scope')
  @Roles('rmc-coordinator', 'ops')
  @ApiOperation({
    summary:
      'Young people held although out of scope: a holder after an end of responsibility, or the RMC holding the baton on or after the 23rd birthday without an offer waiting for its answer. Must be empty.',
  })
  async heldOutOfScope(@CurrentUser() user: Principal) {
    const region = regionFilter(user);
    const rows: { pseudonymousReference: string; holderType: string; holderId: string; turns23On: string | null }[] =
      await this.dataSource.query(
        `SELECT b.pseudonymous_reference AS "pseudonymousReference", b.holder_type AS "holderType", b.holder_id AS "holderId",
                to_char(b.turns_23_on, 'YYYY-MM-DD') AS "turns23On"
           FROM baton_holder b
          WHERE ($1::text IS NULL OR $1 = ANY (b.regions))
            AND b.holder_id IS NOT NULL
            AND (NOT b.in_scope
                 OR (b.holder_type = 'rmc' AND b.turns_23_on <= $2::date
                     AND NOT EXISTS (SELECT 1 FROM uitgaande_overdracht u
                                      WHERE u.pseudonymous_reference = b.pseudonymous_reference AND u.status = 'aangeboden')))
          ORDER BY b.pseudonymous_reference
          LIMIT 1000`,
        [region ?? null, this.calendar.today()],
      );
    return { items: rows.map((r) => ({ ...r, regionName: this.regionName(r.holderId) })), total: rows.length };
  }

  @Get(':pseudonymousReference')
  // The consulent working on the task sees who holds the baton too (own region only, like the coordinator).
  @Roles('rmc-consulent', 'rmc-coordinator', 'ops')
  @ApiOperation({ summary: 'Who holds the baton for this young person, with the handovers and any conflicting events.' })
  async holder(@Param('pseudonymousReference') subject: string, @CurrentUser() user: Principal) {
    const region = regionFilter(user);
    const row = await this.dataSource.getRepository(BatonHolderRecord).findOneBy({ pseudonymousReference: subject });
    // Not seen, or not this coordinator's region: the same answer, so nothing leaks.
    if (!row || (region && !row.regions.includes(region)))
      return {
        pseudonymousReference: subject,
        holder: null,
        inScope: false,
        ended: null,
        turns23On: null,
        regionName: null,
        overdrachten: {},
        conflicts: [],
        events: 0,
      };
    const events = await this.projection.eventsOf(this.dataSource.manager, subject);
    const view = batonAfter(events);
    return {
      pseudonymousReference: subject,
      holder: view.holder ?? null,
      inScope: view.inScope,
      // Why and since when nobody holds the baton (the holder sees this, the steering figures count it).
      ended: view.ended ?? null,
      turns23On: view.turns23On ?? null,
      regionName: this.regionName(view.holder?.id),
      overdrachten: view.overdrachten,
      conflicts: view.conflicts,
      events: events.length,
    };
  }
}
