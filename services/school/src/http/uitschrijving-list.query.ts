import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { Between, ILike, LessThanOrEqual, MoreThanOrEqual, type FindOptionsWhere } from 'typeorm';
import { PageQuery } from '@estafette/service-kit';
import { NAZORG_STATUSES } from '../domain/nazorg-status.js';
import type { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';
import { REASONS } from './register-uitschrijving.dto.js';

/** Filters of the school staff's list: what happened next, why they left, when, and the school's own reference. */
export class UitschrijvingListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NAZORG_STATUSES })
  @IsOptional()
  @IsIn(NAZORG_STATUSES)
  nazorgStatus?: (typeof NAZORG_STATUSES)[number];

  @ApiPropertyOptional({ enum: REASONS })
  @IsOptional()
  @IsIn(REASONS)
  reason?: (typeof REASONS)[number];

  @ApiPropertyOptional({ description: 'Deregistered on or after this date (YYYY-MM-DD).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Deregistered on or before this date (YYYY-MM-DD).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Start of the school reference or the student number.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  zoek?: string;
}

/** The query's filters as TypeORM conditions within one school (an OR on reference/student number gives two). */
export function listWhere(schoolId: string, q: UitschrijvingListQuery): FindOptionsWhere<UitschrijvingRecord>[] {
  const date = q.from && q.to ? Between(q.from, q.to) : q.from ? MoreThanOrEqual(q.from) : q.to ? LessThanOrEqual(q.to) : undefined;
  const base: FindOptionsWhere<UitschrijvingRecord> = {
    schoolId,
    ...(q.nazorgStatus ? { nazorgStatus: q.nazorgStatus } : {}),
    ...(q.reason ? { reason: q.reason } : {}),
    ...(date ? { deregistrationDate: date } : {}),
  };
  if (!q.zoek) return [base];
  // Escaped so a % or _ typed by the user matches itself, not anything.
  const prefix = `${q.zoek.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return [
    { ...base, schoolReference: ILike(prefix) },
    { ...base, studentNumber: ILike(prefix) },
  ];
}
