import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource, type Repository } from 'typeorm';
import { CurrentUser, recordAccess, recordAccesses, Roles, scopeFor, type Principal } from '@estafette/auth';
import { pageOf, pageWindow } from '@estafette/service-kit';
import { RegisterUitschrijving } from '../application/register-uitschrijving.js';
import { UitschrijvingCorrectieRecord } from '../persistence/uitschrijving-correctie.entity.js';
import { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';
import { RegisterUitschrijvingDto } from './register-uitschrijving.dto.js';
import { listWhere, UitschrijvingListQuery } from './uitschrijving-list.query.js';

@ApiTags('uitschrijvingen')
@ApiBearerAuth()
@Controller('uitschrijvingen')
export class UitschrijvingController {
  constructor(
    private readonly register: RegisterUitschrijving,
    private readonly dataSource: DataSource,
    @InjectRepository(UitschrijvingRecord) private readonly records: Repository<UitschrijvingRecord>,
  ) {}

  @Post()
  @Roles('school-system', 'school-staff')
  @ApiOperation({
    summary: "Register one uitschrijving of the caller's school; 201 when new, 200 when this schoolReference was registered before.",
  })
  async create(@Body() body: RegisterUitschrijvingDto, @CurrentUser() user: Principal, @Res({ passthrough: true }) res: FastifyReply) {
    const result = await this.register.execute({ ...body, schoolId: scopeFor(user, 'school') });
    res.status(result.created ? 201 : 200);
    return result;
  }

  @Get()
  @Roles('school-staff', 'school-system')
  @ApiOperation({
    summary:
      "The caller's school's nazorg view: its former students and what happened next, newest first; filters nazorgStatus, reason, from/to (deregistration date), zoek (reference or student number prefix).",
  })
  async list(@Query() query: UitschrijvingListQuery, @CurrentUser() user: Principal) {
    const [items, total] = await this.records.findAndCount({
      where: listWhere(scopeFor(user, 'school'), query),
      order: { deregistrationDate: 'DESC', id: 'ASC' },
      ...pageWindow(query),
    });
    // The list shows each former student's record: one access row per person shown (docs/privacy.md, Every read is logged).
    await recordAccesses(
      this.records.manager,
      user,
      items.map((r) => ({
        subject: r.pseudonymousReference,
        resource: `uitschrijving/${r.id}`,
        basis: 'own-organisation',
        purpose: 'nazorg',
      })),
    );
    return pageOf(items.map(toView), total, query);
  }

  @Get(':id')
  @Roles('school-staff', 'school-system')
  @HttpCode(200)
  @ApiOperation({ summary: "One uitschrijving of the caller's school; every read is written to the access log." })
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    const schoolId = scopeFor(user, 'school');
    return this.dataSource.transaction(async (manager) => {
      // Scoped in the query: another school's record is never loaded, so "not found" is all anyone learns.
      const record = await manager.findOneBy(UitschrijvingRecord, { id, schoolId });
      if (!record) throw new NotFoundException();
      await recordAccess(manager, user, {
        subject: record.pseudonymousReference,
        resource: `uitschrijving/${id}`,
        basis: 'own-organisation',
        purpose: 'nazorg',
      });
      // Its corrections and withdrawal, oldest first: what the school changed, when, why and who.
      const correcties = await manager.find(UitschrijvingCorrectieRecord, { where: { uitschrijvingId: id }, order: { createdAt: 'ASC' } });
      return {
        ...toView(record),
        correcties: correcties.map(({ id, kind, reason, changes, correctionDate, recordedBy }) => ({
          id,
          kind,
          reason,
          changes,
          correctionDate,
          recordedBy,
        })),
      };
    });
  }
}

function toView(r: UitschrijvingRecord) {
  return {
    id: r.id,
    schoolReference: r.schoolReference,
    studentNumber: r.studentNumber,
    deregistrationDate: r.deregistrationDate,
    schoolType: r.schoolType,
    schoolLevel: r.schoolLevel,
    highestDiploma: r.highestDiploma,
    hasStartkwalificatie: r.hasStartkwalificatie,
    reason: r.reason,
    nazorgStatus: r.nazorgStatus,
    municipalityOfResidence: r.municipalityOfResidence,
    // Withdrawn by the school (wrong student): kept, marked, no longer corrected.
    ingetrokken: r.withdrawnOn ? { datum: r.withdrawnOn, reden: r.withdrawalReason } : null,
  };
}
