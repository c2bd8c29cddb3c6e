import { applyDecorators } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { NOTITIE_MAX_LENGTH } from '../domain/notitie.js';

/**
 * Free text of the consulent (a note, a plan's goals): a string of 1 to 4000 characters (NOTITIE_MAX_LENGTH). Beyond
 * the limit the 400 names the field, the limit and the length sent.
 */
export const IsFreeText = () =>
  applyDecorators(
    IsString(),
    MinLength(1, { message: ({ property }) => `${property} must not be empty` }),
    MaxLength(NOTITIE_MAX_LENGTH, {
      message: ({ property, value }) =>
        `${property} must be at most ${NOTITIE_MAX_LENGTH} characters (it has ${typeof value === 'string' ? value.length : '?'})`,
    }),
  );
