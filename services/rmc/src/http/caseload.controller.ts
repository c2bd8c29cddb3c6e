import { Body, Controller, ForbiddenException, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, scopeFor, type Principal } from '@estafette/auth';
import { fieldError, pageOf, ServiceCalendar } from '@estafette/service-kit';
import { ReadCaseload } from '../application/read-caseload.js';
import { ReassignTaken } from '../application/reassign-taken.js';
import type { RegionRouter } from '../domain/region-routing.js';
import { REGION_ROUTER } from '../rmc-settings.js';
import { BulkToewijzingDto, CaseloadQuery, CaseloadTakenQuery } from './caseload.dto.js';

/**
 * The region a caller reads: a coordinator their own (rmc:MC21 -> MC21; naming another region is 403), ops the one
 * they name or, without one, all (null).
 */
function readableRegion(user: Principal, asked: string | undefined): string | null {
  if (user.role === 'ops') return asked ?? null;
  const own = scopeFor(user, 'rmc').replace(/^rmc:/, '');
  if (asked && asked !== own) throw new ForbiddenException(`a coordinator reads their own region only (${own})`);
  return own;
}

/** The coordinator's view of the region's work: who has how many open tasks, what is overdue, and reassigning in bulk. */
@ApiTags('caseload')
@Controller('caseload')
export class CaseloadController {
  constructor(
    @Inject(REGION_ROUTER) private readonly regions: RegionRouter,
    private readonly caseload: ReadCaseload,
    private readonly reassign: ReassignTaken,
    private readonly calendar: ServiceCalendar,
  ) {}

  @Get()
  @Roles('rmc-coordinator', 'ops')
  @ApiOperation({
    summary:
      'Open tasks per consulent with counts (open, overdueFirstContacts, periodicContactOverdue, escalated, buitenBeeld), the most overdue first, paginated; `unassigned` has the same counts for the tasks nobody has.',
  })
  async list(@Query() query: CaseloadQuery, @CurrentUser() user: Principal) {
    const region = readableRegion(user, query.region);
    const today = this.calendar.today();
    const [page, unassigned] = await Promise.all([
      this.caseload.perConsulent(region, today, query),
      this.caseload.unassigned(region, today),
    ]);
    const items = page.items.map((row) => ({ ...row, regionName: this.regions.regionName(row.region) ?? null }));
    return { ...pageOf(items, page.total, query), region, today, unassigned };
  }

  @Get('taken')
  @Roles('rmc-coordinator', 'ops')
  @ApiOperation({ summary: 'Open tasks of one consulent (assignedTo), of nobody (unassigned=true), or of the region: overdue first.' })
  async taken(@Query() query: CaseloadTakenQuery, @CurrentUser() user: Principal) {
    if (query.assignedTo !== undefined && query.unassigned) throw fieldError('unassigned', 'unassigned cannot be combined with assignedTo');
    const region = readableRegion(user, query.region);
    const today = this.calendar.today();
    const page = await this.caseload.taken(region, { assignedTo: query.assignedTo, unassigned: query.unassigned }, today, query);
    const items = page.items.map((t) => ({ ...t, municipalityName: this.regions.municipalityName(t.municipality) ?? null }));
    return pageOf(items, page.total, query);
  }

  @Post('toewijzing')
  @Roles('rmc-coordinator')
  @ApiOperation({
    summary:
      "Reassign 1 to 200 open tasks of the caller's region to one consulent, in one transaction, each logged (toewijzing_log). 404 when an id is no task in the region, else 409 when a task is not open: both list every refusal (`refused`) and change nothing.",
  })
  async bulk(@Body() body: BulkToewijzingDto, @CurrentUser() user: Principal) {
    const region = scopeFor(user, 'rmc').replace(/^rmc:/, '');
    return this.reassign.run(region, body.taakIds, body.assignee, user.subject);
  }
}
