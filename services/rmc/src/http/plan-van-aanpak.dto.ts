import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { IsCalendarDate } from '@estafette/service-kit';
import { NOTITIE_MAX_LENGTH } from '../domain/notitie.js';
import { IsFreeText } from './notitie-text.js';

export class PlanVanAanpakDto {
  @ApiProperty({ maxLength: NOTITIE_MAX_LENGTH, description: 'What the young person and the consulent work towards.' })
  @IsFreeText()
  goals!: string;

  @ApiProperty({ maxLength: NOTITIE_MAX_LENGTH, description: 'What was agreed with the young person.' })
  @IsFreeText()
  agreements!: string;

  @ApiProperty({ maxLength: NOTITIE_MAX_LENGTH })
  @IsFreeText()
  nextStep!: string;

  @ApiProperty({ description: 'Date of the next step (YYYY-MM-DD, Amsterdam); today or later when it changes.' })
  @IsCalendarDate()
  nextStepOn!: string;

  @ApiPropertyOptional({ maxLength: NOTITIE_MAX_LENGTH, description: 'A note on the plan, kept with this version.' })
  @IsOptional()
  @IsFreeText()
  notitie?: string;

  @ApiPropertyOptional({
    description: 'The version edited (0 for the first plan): 409 plan-gewijzigd when another one was written meanwhile.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  previousVersion?: number;
}

export class NotitieDto {
  @ApiProperty({ enum: ['contactmoment', 'plan'] })
  @IsIn(['contactmoment', 'plan'])
  bij!: 'contactmoment' | 'plan';

  @ApiPropertyOptional({ description: 'The contact moment of this task (bij = contactmoment).' })
  @IsOptional()
  @IsUUID()
  contactMomentId?: string;

  @ApiProperty({ maxLength: NOTITIE_MAX_LENGTH })
  @IsFreeText()
  tekst!: string;
}
