import { PageQuery } from '@estafette/service-kit';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional } from 'class-validator';
import { isCalendarDate, startOfDay } from '@estafette/calendar';
import { topics } from '@estafette/contracts';
import { STEERING_AREAS, STEERING_PERIODS, type SteeringArea, type SteeringPeriod } from '../domain/steering-figures.js';

const TOPIC_NAMES = topics.map((t) => t.name);

/** A date alone means the start of that Amsterdam day (not UTC midnight); a date-time is taken as written. */
const instantOf = (value: string) => (isCalendarDate(value) ? startOfDay(value) : new Date(value));

export class WindowQuery {
  @ApiPropertyOptional({
    description: 'Start of the window (inclusive; a date is its Amsterdam midnight, or a date-time); default 30 days ago.',
  })
  @IsOptional()
  @IsDateString()
  from?: string;

  @ApiPropertyOptional({ description: 'End of the window (exclusive; a date is its Amsterdam midnight, or a date-time); default now.' })
  @IsOptional()
  @IsDateString()
  to?: string;

  /** The window as instants; `now` (the service's clock) ends it when `to` is not given. */
  window(now: Date, defaultDays = 30): { from: Date; to: Date } {
    const to = this.to ? instantOf(this.to) : now;
    return { from: this.from ? instantOf(this.from) : new Date(to.getTime() - defaultDays * 86_400_000), to };
  }
}

export class SteeringQuery extends WindowQuery {
  @ApiPropertyOptional({ enum: STEERING_AREAS, default: 'region' })
  @IsOptional()
  @IsIn(STEERING_AREAS)
  by: SteeringArea = 'region';

  @ApiPropertyOptional({ enum: STEERING_PERIODS, default: 'month' })
  @IsOptional()
  @IsIn(STEERING_PERIODS)
  period: SteeringPeriod = 'month';
}

export class DeadLetterListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TOPIC_NAMES, description: 'Only dead letters of this original topic.' })
  @IsOptional()
  @IsIn(TOPIC_NAMES)
  topic?: string;
}

export class ReplayAllQuery {
  @ApiPropertyOptional({ enum: TOPIC_NAMES, description: 'Only dead letters of this original topic.' })
  @IsOptional()
  @IsIn(TOPIC_NAMES)
  topic?: string;
}
