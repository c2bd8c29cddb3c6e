import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Roles } from '@estafette/auth';
import { AUDIT_CHAINS, type AuditChainName } from '@estafette/contracts';
import { PageQuery } from '@estafette/service-kit';
import { AuditAnchors } from '../application/audit-anchors.js';

export class AnchorListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AUDIT_CHAINS })
  @IsOptional()
  @IsIn(AUDIT_CHAINS)
  chain?: AuditChainName;
}

@ApiTags('audit anchors')
@Controller('audit/anchors')
@Roles('ops')
export class AuditAnchorsController {
  constructor(private readonly anchors: AuditAnchors) {}

  @Get()
  @ApiOperation({
    summary: "The consent service's audit anchors seen on the bus, newest first, paged (chain, sequence, head hash; no personal data).",
  })
  list(@Query() query: AnchorListQuery) {
    return this.anchors.list(query.page, query.pageSize, query.chain);
  }

  @Get('latest')
  @ApiOperation({ summary: 'Per audit chain the anchor with the highest sequence.' })
  async latest() {
    return { items: await this.anchors.latest() };
  }
}
