import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class ListUitschrijvingenQuery {
  @ApiProperty({ example: 'brin:25XY' })
  @Matches(/^brin:[0-9]{2}[A-Z0-9]{2}$/, { message: 'schoolId must be brin:<4 characters>, e.g. brin:25XY' })
  schoolId!: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize = 50;
}
