import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Contact } from '../domain/contact.js';

/**
 * How to reach the young person. Kept in the school's store only; the RMC (and, with consent, W&I or zorg)
 * reads it through GET /uitschrijvingen/:id/dossier, never from the bus.
 */
export class ContactDto implements Contact {
  @ApiProperty({ example: 'Sam' })
  @IsString()
  @Length(1, 100)
  firstName!: string;

  @ApiProperty({ example: 'de Vries' })
  @IsString()
  @Length(1, 100)
  lastName!: string;

  @ApiPropertyOptional({ example: '+31612345678' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{7,18}$/, { message: 'phone must be a phone number of digits, spaces or dashes, optionally starting with +' })
  phone?: string;

  @ApiPropertyOptional({ example: 'sam@example.nl' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ example: 'Dorpsstraat' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  street?: string;

  @ApiPropertyOptional({ example: '12a' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,4}(\s?[A-Za-z0-9-]{1,6})?$/, { message: 'houseNumber must be a number with an optional addition, like 12a' })
  houseNumber?: string;

  @ApiPropertyOptional({ example: '1011 AB' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{3} ?[A-Z]{2}$/, { message: 'postcode must be a Dutch postcode like 1011 AB' })
  postcode?: string;

  @ApiPropertyOptional({ example: 'Amsterdam' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  city?: string;
}
