import { Controller, Get, Header, Inject, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '@estafette/auth';
import { AuditLog } from '../application/audit-log.js';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent-settings.js';
import { registerOfProcessing, toCsv } from '../domain/register-of-processing.js';

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format: 'json' | 'csv' = 'json';
}

export class PeriodQuery {
  @ApiProperty({ required: false, example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601()
  since?: string;

  @ApiPropertyOptional({ example: '2026-12-31T23:59:59Z' })
  @IsOptional()
  @IsISO8601()
  until?: string;
}

@ApiTags('privacy-officer')
@Controller()
@Roles('privacy-officer')
export class PrivacyOfficerController {
  constructor(
    @Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings,
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  @Get('convenanten')
  @ApiOperation({ summary: 'The convenants in force: parties, flows, legal bases, versions.' })
  convenanten() {
    return { items: this.settings.convenanten };
  }

  @Get('decisions/by-grondslag')
  @ApiOperation({ summary: 'How many decisions permitted and denied, per legal basis, in a period (no personal data).' })
  async byGrondslag(@Query() query: PeriodQuery) {
    const rows = (await this.dataSource.query(
      `SELECT coalesce(grondslag, 'geen') AS grondslag, permit, count(*)::int AS decisions
         FROM decision_audit
        WHERE ($1::timestamptz IS NULL OR decided_at >= $1) AND ($2::timestamptz IS NULL OR decided_at <= $2)
        GROUP BY 1, 2 ORDER BY 1, 2 DESC`,
      [query.since ?? null, query.until ?? null],
    )) as { grondslag: string; permit: boolean; decisions: number }[];
    return { since: query.since ?? null, until: query.until ?? null, items: rows };
  }

  @Get('register-of-processing')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Export of the register of processing (from the convenants) as JSON or CSV.' })
  register(@Query() query: ExportQuery, @Res({ passthrough: true }) res: Response) {
    const rows = registerOfProcessing(this.settings.convenanten);
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment('register-of-processing.csv');
      return toCsv(rows);
    }
    return { items: rows };
  }

  @Get('audit/verify')
  @ApiOperation({ summary: 'Recompute the hash chain of the decision audit log; reports the first entry that was changed or removed.' })
  verify() {
    return this.audit.verify();
  }
}
