import { Controller, Get, Header, Inject, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Roles } from '@estafette/auth';
import { AUDIT_CHAINS, type AuditChainName } from '@estafette/contracts';
import { AuditWatch } from '../application/audit-watch.js';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent-settings.js';
import { registerOfProcessing, toCsv } from '../domain/register-of-processing.js';

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format: 'json' | 'csv' = 'json';
}

export class ChainQuery {
  @ApiPropertyOptional({ enum: AUDIT_CHAINS, default: 'decision-audit' })
  @IsOptional()
  @IsIn(AUDIT_CHAINS)
  chain: AuditChainName = 'decision-audit';
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
    private readonly audit: AuditWatch,
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
  register(@Query() query: ExportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const rows = registerOfProcessing(this.settings.convenanten);
    if (query.format === 'csv') {
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="register-of-processing.csv"');
      return toCsv(rows);
    }
    return { items: rows };
  }

  @Get('audit/verify')
  @ApiOperation({
    summary:
      'Verify an audit chain now (decision-audit by default, or toestemming-audit): every keyed link, the key epochs, and the head against the anchors outside the database; reports the first entry changed or removed, and truncation.',
  })
  verify(@Query() query: ChainQuery) {
    return this.audit.verifyChain(query.chain);
  }

  @Get('audit/status')
  @Roles('privacy-officer', 'ops')
  @ApiOperation({
    summary: 'Per audit chain: the last anchor on the bus and the last scheduled verification with its verdict (no personal data).',
  })
  status() {
    return { items: this.audit.status() };
  }
}
