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

/**
 * Strings PostgreSQL cannot store (a NUL character, U+0000), anywhere in a request's body or query, named by their path.
 * Caught here, before any handler: stored, they fail with a 500, and the database error would carry the text into a log.
 */
export function unstorableStrings(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string')
    return value.includes('\u0000')
      ? [{ field: path || 'body', reason: `${path || 'body'} must not contain a NUL character (U+0000)` }]
      : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unstorableStrings(item, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => [
      ...unstorableStrings(key, path ? `${path}.${key}` : key),
      ...unstorableStrings(item, path ? `${path}.${key}` : key),
    ]);
  return [];
}

/** Every bad request answers 400 with the field and the reason; unknown fields are refused, not ignored. */
export function validationPipe(): ValidationPipe {
  return new (class extends ValidationPipe {
    override async transform(value: unknown, metadata: Parameters<ValidationPipe['transform']>[1]) {
      const unstorable = metadata.type === 'body' || metadata.type === 'query' ? unstorableStrings(value) : [];
      if (unstorable.length > 0)
        throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', errors: unstorable });
      return super.transform(value, metadata);
    }
  })({
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

/**
 * A 400 in the same shape as the validation pipe's, for a rule a DTO cannot express (it needs configuration or
 * state): one field, one reason.
 */
export function fieldError(field: string, reason: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', errors: [{ field, reason }] });
}
