import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CONSULENT_CLOSE_REASONS } from '@estafette/contracts';
import type { ConsulentCloseReason } from '../domain/taak-lifecycle.js';
import { NOTITIE_MAX_LENGTH } from '../domain/notitie.js';
import { IsFreeText } from './notitie-text.js';

export class AssignDto {
  @ApiPropertyOptional({ description: 'User id of the consulent; the caller when omitted.' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  assignee?: string;
}

export const CHANNELS = ['telefoon', 'huisbezoek', 'brief', 'sms', 'e-mail', 'via-school', 'op-kantoor'] as const;
export const OUTCOMES = ['bereikt', 'niet-bereikt', 'afspraak-gemaakt', 'geweigerd'] as const;

export class ContactMomentDto {
  @ApiProperty({ enum: ['poging', 'contact'], description: 'An attempt, or real contact with the young person.' })
  @IsIn(['poging', 'contact'])
  kind!: 'poging' | 'contact';

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: (typeof CHANNELS)[number];

  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome!: (typeof OUTCOMES)[number];

  @ApiPropertyOptional({ maxLength: NOTITIE_MAX_LENGTH, description: 'What was said or agreed: free text, kept in the RMC only.' })
  @IsOptional()
  @IsFreeText()
  notitie?: string;
}

/** A consulent closes a task with a reason from this fixed list only; the others are the system's (re-enrolment, 23, placement). */
export class CloseDto {
  @ApiProperty({ enum: CONSULENT_CLOSE_REASONS })
  @IsIn(CONSULENT_CLOSE_REASONS, { message: `reason must be one of: ${CONSULENT_CLOSE_REASONS.join(', ')}` })
  reason!: ConsulentCloseReason;
}
