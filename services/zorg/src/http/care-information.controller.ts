import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { CurrentUser, Roles, scopeFor, type Principal } from '@estafette/auth';
import { CareInformation } from '../application/care-information.js';
import { CARE_KINDS, CARE_READ_PURPOSES, type CareKind, type CareReadPurpose } from '../domain/care-information.js';

export class RecordCareDto {
  @ApiProperty({ enum: CARE_KINDS })
  @IsIn(CARE_KINDS)
  kind!: CareKind;

  @ApiProperty({ description: 'What care is given and why; special category data, kept in this store.' })
  @IsString()
  @Length(1, 4000)
  summary!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  startDate?: string;
}

export class CareReadQuery {
  @ApiPropertyOptional({
    enum: CARE_READ_PURPOSES,
    description: 'The purpose you read for; the young person must have consented to it (default warme-overdracht).',
  })
  @IsOptional()
  @IsIn(CARE_READ_PURPOSES)
  purpose?: CareReadPurpose;
}

@ApiTags('zorginformatie')
@Controller('verwijzingen')
export class CareInformationController {
  constructor(private readonly care: CareInformation) {}

  @Post(':id/zorginformatie')
  @Roles('zorg-consulent')
  @ApiOperation({ summary: 'Record care information for a young person you took over. It never goes on the bus.' })
  record(@Param('id', ParseUUIDPipe) id: string, @Body() body: RecordCareDto, @CurrentUser() user: Principal) {
    return this.care.record(scopeFor(user, 'zorg'), id, body, user.subject);
  }

  @Get(':id/zorginformatie')
  @Roles('zorg-consulent', 'rmc-consulent', 'rmc-coordinator', 'wi-consulent', 'school-staff')
  @ApiOperation({
    summary:
      'Care information of a verwijzing. The holding care provider reads its own; another organisation only when the young person gave explicit consent (consent service, level inhoud); 403 with the reason otherwise. Every read is logged.',
  })
  read(@Param('id', ParseUUIDPipe) id: string, @Query() query: CareReadQuery, @CurrentUser() user: Principal) {
    return this.care.read(user, id, query.purpose ?? 'warme-overdracht');
  }
}
