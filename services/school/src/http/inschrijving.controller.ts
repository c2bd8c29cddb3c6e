import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, scopeFor, type Principal } from '@estafette/auth';
import { RegisterInschrijving } from '../application/register-inschrijving.js';
import { RegisterInschrijvingDto } from './register-inschrijving.dto.js';

@ApiTags('inschrijvingen')
@ApiBearerAuth()
@Controller('inschrijvingen')
export class InschrijvingController {
  constructor(private readonly register: RegisterInschrijving) {}

  @Post()
  @Roles('school-system', 'school-staff')
  @ApiOperation({
    summary:
      "Register a new enrolment at the caller's school; 201 when new, 200 when this student number and date were registered before. Cancels an RMC vsv-melding for the same young person (the RMC task records this school and the date); every call is in the access log. When this school accepted an overdracht for the young person (back to school), the answer and the event name it (overdrachtId).",
  })
  async create(@Body() body: RegisterInschrijvingDto, @CurrentUser() user: Principal, @Res({ passthrough: true }) res: FastifyReply) {
    const result = await this.register.execute({ ...body, schoolId: scopeFor(user, 'school') }, user);
    res.status(result.created ? 201 : 200);
    return result;
  }
}
