import { Body, Controller, ForbiddenException, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsDefined, IsIn, IsISO8601, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CurrentUser, Roles, type Principal } from '@estafette/auth';
import { Toestemmingsverzoeken } from '../application/toestemmingsverzoeken.js';
import { CONSENT_PURPOSES, DATA_CATEGORIES, type ConsentPurpose, type DataCategory } from '../domain/vocabulary.js';
import { OrganisationDto } from './party.dto.js';

export class AskToestemmingDto {
  @ApiProperty({ example: 'pr_01J2ABCDEFGHJKMNPQRSTVWXYZ', description: "The young person's pseudonymous reference." })
  @Matches(/^pr_[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'subject must be a pseudonymous reference (pr_ and 26 characters)' })
  subject!: string;

  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'dataCategories must name at least one data category' })
  @IsIn(DATA_CATEGORIES, { each: true, message: `each of dataCategories must be one of ${DATA_CATEGORIES.join(', ')}` })
  dataCategories!: DataCategory[];

  @ApiProperty({ type: OrganisationDto, description: 'The holder: the one organisation that would share.' })
  @IsDefined({ message: 'from is required: the organisation that holds the data' })
  @ValidateNested()
  @Type(() => OrganisationDto)
  from!: OrganisationDto;

  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES, { message: `purpose must be one of ${CONSENT_PURPOSES.join(', ')}` })
  purpose!: ConsentPurpose;

  @ApiProperty({ description: 'Why, in words the young person understands: 10 to 500 characters.' })
  @IsString()
  @Length(10, 500, { message: 'reason must say why in 10 to 500 characters' })
  reason!: string;

  @ApiProperty({ example: '2027-05-31', description: 'The last day the consent would count (at most a year ahead).' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'validUntil must be a real date (YYYY-MM-DD)' })
  validUntil!: string;
}

const REQUESTERS = ['rmc-consulent', 'rmc-coordinator', 'wi-consulent', 'zorg-consulent', 'school-staff'] as const;

/** An organisation asks a young person it works with for consent, and sees the answers (its own requests only). */
@ApiTags('toestemmingsverzoeken')
@Controller('verzoeken')
@Roles(...REQUESTERS)
export class VerzoekenController {
  constructor(private readonly verzoeken: Toestemmingsverzoeken) {}

  @Post()
  @ApiOperation({
    summary:
      "Ask the young person for consent: which data (dataCategories), from which holder (from), why (reason), what for (purpose), until when (validUntil). The requester is the caller's organisation (the receiving side of the consent). 400 naming the field; the text the young person will read is in the answer (wordingText).",
  })
  ask(@CurrentUser() user: Principal, @Body() body: AskToestemmingDto) {
    if (!user.organisationId) throw new ForbiddenException('a consent request is asked by one organisation');
    return this.verzoeken.ask(
      { organisationType: user.organisationType, organisationId: user.organisationId, subject: user.subject },
      body,
    );
  }

  @Get()
  @ApiOperation({
    summary:
      "My organisation's requests, newest first, with the answer and, once approved, whether the consent counts or waits for a guardian.",
  })
  async list(@CurrentUser() user: Principal) {
    if (!user.organisationId) throw new ForbiddenException('a consent request is asked by one organisation');
    return { items: await this.verzoeken.ofRequester(user.organisationId) };
  }
}

/** The young person's side: the requests made to them, answered with one button each. */
@ApiTags('jongere')
@Controller('me/verzoeken')
@Roles('jongere')
export class MijnVerzoekenController {
  constructor(private readonly verzoeken: Toestemmingsverzoeken) {}

  @Get()
  @ApiOperation({ summary: 'Consent requests to me: open ones first, then answered ones, newest first; each with the exact text.' })
  async list(@CurrentUser() me: Principal) {
    return { items: await this.verzoeken.ofSubject(me.subject) };
  }

  @Post(':id/akkoord')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Approve: a consent with exactly the request's text, from today to validUntil (a minor's waits for a parent or guardian, like every consent). 404 for another's request, 409 when answered already.",
  })
  approve(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.verzoeken.approve(me.subject, id);
  }

  @Post(':id/afwijzing')
  @HttpCode(200)
  @ApiOperation({
    summary: "Decline: nothing is shared; the requester sees the answer. 404 for another's request, 409 when answered already.",
  })
  decline(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.verzoeken.decline(me.subject, id);
  }
}
