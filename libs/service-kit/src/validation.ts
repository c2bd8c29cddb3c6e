import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

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
 * A 400 in the same shape as the validation pipe's, for a rule a use case checks itself (a code that names no
 * municipality, an overdracht to an organisation the directory does not know): the portal ties it to the field.
 */
export function fieldErrorException(field: string, reason: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', errors: [{ field, reason }] });
}
