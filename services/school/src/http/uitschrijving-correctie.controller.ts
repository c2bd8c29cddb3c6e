import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, scopeFor, type Principal } from '@estafette/auth';
import { CorrectUitschrijving } from '../application/correct-uitschrijving.js';
import { WithdrawUitschrijving } from '../application/withdraw-uitschrijving.js';
import { CorrectUitschrijvingDto, WithdrawUitschrijvingDto } from './uitschrijving-correctie.dto.js';

/** Corrections and withdrawals of the caller's school's own uitschrijvingen; another school's id is "not found". */
@ApiTags('uitschrijvingen')
@ApiBearerAuth()
@Controller('uitschrijvingen')
export class UitschrijvingCorrectieController {
  constructor(
    private readonly correct: CorrectUitschrijving,
    private readonly withdraw: WithdrawUitschrijving,
  ) {}

  @Post(':id/correctie')
  @Roles('school-system', 'school-staff')
  @ApiOperation({
    summary:
      "Correct one of the caller's school's uitschrijvingen (deregistration date, school type, diploma, municipality of residence) with a reason; publishes uitschrijving.corrected. 201 when new, 200 for the same request again (nothing changes).",
  })
  async correctie(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CorrectUitschrijvingDto,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const outcome = await this.correct.execute(scopeFor(user, 'school'), id, body, user);
    res.status(outcome.created ? 201 : 200);
    return outcome;
  }

  @Post(':id/intrekking')
  @Roles('school-system', 'school-staff')
  @ApiOperation({
    summary:
      "Withdraw one of the caller's school's uitschrijvingen (wrong student) with a reason; publishes uitschrijving.withdrawn. 201 when new, 200 for the same withdrawal again, 409 for another reason.",
  })
  async intrekking(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: WithdrawUitschrijvingDto,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const outcome = await this.withdraw.execute(scopeFor(user, 'school'), id, body.reason, user);
    res.status(outcome.created ? 201 : 200);
    return outcome;
  }
}
