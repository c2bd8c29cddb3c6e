import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@estafette/calendar';

export interface FieldError {
  field: string;
  reason: string;
}

/** Flattens class-validator's nested errors into one line per field, named by its path (rows[3].birthDate). */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** Every bad request answers 400 with the field and the reason; unknown fields are refused, not ignored. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', errors: fieldErrors(errors) }),
  });
}

/**
 * A real calendar date written YYYY-MM-DD (an Amsterdam date: no time, no zone). Refuses 2026-02-30 and a date-time
 * such as 2026-03-30T10:00, which IsISO8601 lets through, with "<field> must be a real date (YYYY-MM-DD)".
 */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a real date (YYYY-MM-DD)`,
      },
    },
    options,
  );
}
