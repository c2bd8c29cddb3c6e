import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { Repository } from 'typeorm';
import { RegisterUitschrijving } from '../application/register-uitschrijving.js';
import { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';
import { ListUitschrijvingenQuery } from './list-uitschrijvingen.query.js';
import { RegisterUitschrijvingDto } from './register-uitschrijving.dto.js';

@ApiTags('uitschrijvingen')
@Controller('uitschrijvingen')
export class UitschrijvingController {
  constructor(
    private readonly register: RegisterUitschrijving,
    @InjectRepository(UitschrijvingRecord) private readonly records: Repository<UitschrijvingRecord>,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register one uitschrijving; 201 when new, 200 when this schoolReference was registered before.' })
  async create(@Body() body: RegisterUitschrijvingDto, @Res({ passthrough: true }) res: Response) {
    const result = await this.register.execute(body);
    res.status(result.created ? 201 : 200);
    return result;
  }

  @Get()
  @ApiOperation({ summary: "The school's nazorg view: its former students and what happened next, newest first." })
  async list(@Query() query: ListUitschrijvingenQuery) {
    const [items, total] = await this.records.findAndCount({
      where: { schoolId: query.schoolId },
      order: { deregistrationDate: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items: items.map(toView), page: query.page, pageSize: query.pageSize, total };
  }

  @Get(':id')
  @HttpCode(200)
  async get(@Param('id', ParseUUIDPipe) id: string, @Query() query: ListUitschrijvingenQuery) {
    const record = await this.records.findOneBy({ id, schoolId: query.schoolId });
    if (!record) throw new NotFoundException(`no uitschrijving ${id} at ${query.schoolId}`);
    return toView(record);
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
  };
}
