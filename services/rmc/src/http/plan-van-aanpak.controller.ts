import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, scopeFor, type Principal } from '@estafette/auth';
import { PageQuery, pageOf, pageWindow } from '@estafette/service-kit';
import { KeepPlanVanAanpak } from '../application/keep-plan-van-aanpak.js';
import { notitieView } from '../application/notities.js';
import { WriteNotitie } from '../application/write-notitie.js';
import type { PlanVanAanpakVersieRecord } from '../persistence/plan-van-aanpak.entity.js';
import { NotitieDto, PlanVanAanpakDto } from './plan-van-aanpak.dto.js';

/** The caller's region (rmc:MC21 -> MC21): every query below is scoped by it. */
const regionOf = (user: Principal) => scopeFor(user, 'rmc').replace(/^rmc:/, '');

const versionView = (v: PlanVanAanpakVersieRecord) => ({
  version: v.version,
  goals: v.goals,
  agreements: v.agreements,
  nextStep: v.nextStep,
  nextStepOn: v.nextStepOn,
  changedBy: v.changedBy,
  changedAt: v.changedAt,
});

/** The plan van aanpak of a task (versioned) and notes on it or on its contact moments. Free text never leaves the RMC. */
@ApiTags('taken')
@Controller('taken')
export class PlanVanAanpakController {
  constructor(
    private readonly plans: KeepPlanVanAanpak,
    private readonly notes: WriteNotitie,
  ) {}

  @Get(':id/plan')
  @Roles('rmc-consulent', 'rmc-coordinator')
  @ApiOperation({ summary: 'The current plan van aanpak with the notes on it; 404 (reason geen-plan) while there is none.' })
  async current(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    const found = await this.plans.current(regionOf(user), id, user);
    if (!found)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        reason: 'geen-plan',
        message: `task ${id} has no plan van aanpak yet`,
      });
    return { ...versionView(found.current), notities: found.notities.map(notitieView) };
  }

  @Get(':id/plan/versies')
  @Roles('rmc-consulent', 'rmc-coordinator')
  @ApiOperation({ summary: 'Every version of the plan van aanpak, newest first (who changed it and when).' })
  async versions(@Param('id', ParseUUIDPipe) id: string, @Query() query: PageQuery, @CurrentUser() user: Principal) {
    const [items, total] = await this.plans.versions(regionOf(user), id, pageWindow(query), user);
    return pageOf(items.map(versionView), total, query);
  }

  @Post(':id/plan')
  @Roles('rmc-consulent', 'rmc-coordinator')
  @ApiOperation({
    summary:
      'Write the plan van aanpak (a new version). The task becomes traject; 409 nog-geen-contact before contact, taak-afgesloten after it left the RMC, plan-gewijzigd when previousVersion is not the current one.',
  })
  async write(@Param('id', ParseUUIDPipe) id: string, @Body() body: PlanVanAanpakDto, @CurrentUser() user: Principal) {
    return versionView(await this.plans.write(regionOf(user), id, body, user.subject));
  }

  @Post(':id/notities')
  @Roles('rmc-consulent', 'rmc-coordinator')
  @ApiOperation({ summary: 'A note on a contact moment of the task or on its plan van aanpak (at most 4000 characters).' })
  async note(@Param('id', ParseUUIDPipe) id: string, @Body() body: NotitieDto, @CurrentUser() user: Principal) {
    return notitieView(await this.notes.add(regionOf(user), id, body, user.subject));
  }
}
