import { Body, Controller, Get, Header, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { Repository } from 'typeorm';
import { CurrentUser, Roles, type Principal } from '@estafette/auth';
import { pageOf, pageWindow, PageQuery } from '@estafette/service-kit';
import { AssembleInzage } from '../application/assemble-inzage.js';
import { PSEUDONYMOUS_REFERENCE } from '../domain/vocabulary.js';
import { InzageVerzoekRecord } from '../persistence/inzage-verzoek.entity.js';
import { inzageHtml } from './inzage-html.js';
import { inzagePdf } from './inzage-pdf.js';

/** The young person's own inzage: what every service holds about them and who read it (AVG art. 15). */
@ApiTags('jongere')
@Controller('me')
@Roles('jongere')
export class MyInzageController {
  constructor(private readonly inzage: AssembleInzage) {}

  @Get('inzage')
  @ApiOperation({
    summary:
      'My inzage as JSON: a section per service (records, accesses, removals), "niet-beschikbaar" for a service that did not answer.',
  })
  json(@CurrentUser() me: Principal) {
    return this.inzage.forYoungPerson(me);
  }

  @Get('inzage.html')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: 'My inzage as a readable page in Dutch.' })
  async html(@CurrentUser() me: Principal) {
    return inzageHtml(await this.inzage.forYoungPerson(me));
  }

  @Get('inzage.pdf')
  @ApiOperation({ summary: 'My inzage as a PDF document.' })
  async pdf(@CurrentUser() me: Principal) {
    const file = await inzagePdf(await this.inzage.forYoungPerson(me));
    return new StreamableFile(file, { type: 'application/pdf', disposition: 'attachment; filename="inzage.pdf"' });
  }
}

export class InzageVerzoekDto {
  @ApiProperty({ description: "The young person's pseudonymous reference (pr_...)." })
  @IsString()
  @Matches(PSEUDONYMOUS_REFERENCE, { message: 'subject must be a pseudonymous reference (pr_ followed by 26 characters)' })
  subject!: string;

  @ApiProperty({ description: "How the requester's identity was verified, e.g. 'ID-bewijs gezien aan de balie, 2026-11-25'." })
  @IsString()
  @MinLength(10, { message: 'verificationNote must say how the identity was verified (at least 10 characters)' })
  @MaxLength(2000)
  verificationNote!: string;

  @ApiProperty({ description: 'Why the privacy officer makes the inzage, e.g. "verzoek per brief van 20 november".' })
  @IsString()
  @MinLength(5, { message: 'reason must say why (at least 5 characters)' })
  @MaxLength(2000)
  reason!: string;
}

/** A privacy officer makes the inzage for a young person on a verified request; every request is kept and listed. */
@ApiTags('privacy-officer')
@Controller('inzage-verzoeken')
@Roles('privacy-officer')
export class InzageVerzoekenController {
  constructor(
    private readonly inzage: AssembleInzage,
    @InjectRepository(InzageVerzoekRecord) private readonly verzoeken: Repository<InzageVerzoekRecord>,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Make the inzage of one young person on a verified request; answers the document (as GET /me/inzage), the request id in requestedBy.',
  })
  create(@Body() body: InzageVerzoekDto, @CurrentUser() officer: Principal) {
    return this.inzage.forPrivacyOfficer(officer, body);
  }

  @Get()
  @ApiOperation({
    summary: 'Every inzage request, newest first, paginated: who, when, for whom, verification note, reason, which services answered.',
  })
  async list(@Query() query: PageQuery) {
    const [rows, total] = await this.verzoeken.findAndCount({ order: { requestedAt: 'DESC', id: 'ASC' }, ...pageWindow(query) });
    return pageOf(
      rows.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString() })),
      total,
      query,
    );
  }
}
