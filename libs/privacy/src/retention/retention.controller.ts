import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@estafette/auth';
import { pageOf, PageQuery, pageWindow, type Page } from '@estafette/service-kit';
import { DataSource } from 'typeorm';
import type { Bewaartermijn } from './bewaartermijn.js';
import { RetentionRunRecord } from './retention-run.entity.js';
import { RetentionRunner, runView, type RetentionRunView } from './retention-runner.js';

/** The service's retention table, as GET /retention/policy returns it. */
export interface RetentionPolicyView {
  service: string;
  /** policyVersion(): what each run's `policy` refers to. */
  version: string;
  bewaartermijnen: Bewaartermijn[];
}

/**
 * The retention job's audit and policy, the same on every service with personal data, for the privacy officer (and
 * ops). Counts only, never content or pseudonyms, so any privacy officer may read them.
 */
@ApiTags('retention')
@Controller('retention')
export class RetentionController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: RetentionRunner,
  ) {}

  @Get('runs')
  @Roles('privacy-officer', 'ops')
  @ApiOperation({ summary: 'Retention runs, newest first: counts per category and the policy version applied' })
  async runs(@Query() query: PageQuery): Promise<Page<RetentionRunView>> {
    const [records, total] = await this.dataSource
      .getRepository(RetentionRunRecord)
      .findAndCount({ order: { startedAt: 'DESC', id: 'DESC' }, ...pageWindow(query) });
    return pageOf(records.map(runView), total, query);
  }

  @Get('policy')
  @Roles('privacy-officer', 'ops')
  @ApiOperation({ summary: "This service's bewaartermijnen: per category the moment, period, action and basis" })
  policy(): RetentionPolicyView {
    return { service: this.runner.rules[0]?.service ?? '', version: this.runner.version, bewaartermijnen: this.runner.rules };
  }
}
