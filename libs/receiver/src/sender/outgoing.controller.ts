import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, type Type } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Type as TypeOf } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CurrentUser, Roles, scopeFor, type Principal, type Role } from '@estafette/auth';
import { WITHDRAW_REASONS, type WithdrawReason } from '@estafette/overdracht';
import { DataSource, type Repository } from 'typeorm';
import { CONTACT_READERS, readContactPerson } from '../http/contact-person.js';
import { OfferFromHere } from './offer-from-here.js';
import { UitgaandeOverdrachtRecord } from './uitgaande-overdracht.entity.js';
import { STATUSES } from '../http/dto.js';

const PURPOSES = ['onderwijs', 'werk', 'inkomen', 'zorg', 'nazorg', 'terug-naar-rmc'] as const;
const REASONS = ['school-geen-optie', 'leeftijdsgrens-rmc', 'ondersteuning-nodig', 'terug-naar-onderwijs', 'nazorg-pro-vso', 'uitval-na-plaatsing', 'anders'] as const;

export class ReceiverDto {
  @ApiProperty({ enum: ['rmc', 'werk-inkomen', 'zorg', 'school'] })
  @IsIn(['rmc', 'werk-inkomen', 'zorg', 'school'])
  organisationType!: 'rmc' | 'werk-inkomen' | 'zorg' | 'school';

  @ApiProperty({ example: 'rmc:RMC25' })
  @Matches(/^(rmc:RMC[0-9]{2}|gemeente:GM[0-9]{4}|agb:[0-9]{8}|brin:[0-9]{2}[A-Z0-9]{2})$/, { message: 'id must be rmc:RMC<2>, gemeente:GM<4>, agb:<8> or brin:<4>' })
  id!: string;
}

/** An offer from this service: to whom, why, the named contact person (stays here) and the warm first contact. */
export class OutgoingOfferDto {
  @ApiProperty({ type: ReceiverDto })
  @ValidateNested()
  @TypeOf(() => ReceiverDto)
  to!: ReceiverDto;

  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose!: (typeof PURPOSES)[number];

  @ApiProperty({ enum: REASONS })
  @IsIn(REASONS)
  reason!: (typeof REASONS)[number];

  @ApiProperty({ description: 'Your named contact person for the receiver (kept in this service; fetched through the dataref).' })
  @IsString()
  @Length(1, 200)
  contactPerson!: string;

  @ApiPropertyOptional({ description: 'Proposed first contact with the young person, together with the receiver.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  firstContactProposedOn?: string;
}

export class OutgoingWithdrawDto {
  @ApiProperty({ enum: WITHDRAW_REASONS })
  @IsIn(WITHDRAW_REASONS)
  reason!: WithdrawReason;
}

export class OutgoingQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

/** The offers this organisation made: follow them, withdraw an open one. Scoped to the caller's organisation. */
export function outgoingController(organisationType: string, roles: [Role, ...Role[]]): Type<unknown> {
  const organisationOf = (user: Principal) => scopeFor(user, organisationType as never);

  @ApiTags('overdrachten-uit')
  @Controller('overdrachten-uit')
  class OutgoingController {
    constructor(
      private readonly dataSource: DataSource,
      private readonly offers: OfferFromHere,
      @InjectRepository(UitgaandeOverdrachtRecord) private readonly records: Repository<UitgaandeOverdrachtRecord>,
    ) {}

    @Get()
    @Roles(...roles)
    @ApiOperation({ summary: 'Handovers your organisation offered, with the receiver\'s answer; escalated ones need you.' })
    async list(@Query() query: OutgoingQuery, @CurrentUser() user: Principal) {
      const items = await this.records.find({ where: { organisationId: organisationOf(user), ...(query.status ? { status: query.status } : {}) }, order: { createdAt: 'ASC' }, take: 500 });
      return { items };
    }

    @Get(':id')
    @Roles(...roles)
    async get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
      const record = await this.records.findOneBy({ id, organisationId: organisationOf(user) });
      if (!record) throw new NotFoundException(`no overdracht ${id} offered by your organisation`);
      return record;
    }

    /** The dataref of overdracht.offered points at the offer: the receiver fetches the sender's contact person here. */
    @Get(':id/contactpersoon')
    @Roles(...CONTACT_READERS)
    contactPerson(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
      return this.dataSource.transaction(async (manager) => {
        const record = await manager.findOneBy(UitgaandeOverdrachtRecord, { id });
        if (!record) throw new NotFoundException(`no overdracht-uit/${id}/contactpersoon for your organisation`);
        return readContactPerson(manager, user, {
          own: { organisationType, id: record.organisationId }, counterparty: { organisationType: record.toType, id: record.toId },
          pseudonymousReference: record.pseudonymousReference, contactPerson: record.contactPerson, resource: `overdracht-uit/${id}/contactpersoon`,
        });
      });
    }

    @Post(':id/intrekking')
    @Roles(...roles)
    withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() body: OutgoingWithdrawDto, @CurrentUser() user: Principal) {
      return this.offers.withdraw(organisationOf(user), id, body.reason);
    }
  }
  return OutgoingController;
}
