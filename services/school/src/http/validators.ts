import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { addDays, addMonths, isCalendarDate, today } from '@estafette/calendar';
import { passesElfproef } from '../domain/elfproef.js';

@ValidatorConstraint({ name: 'elfproef' })
export class ElfproefConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && passesElfproef(value);
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be 9 digits that pass the elfproef`;
  }
}

export interface PlausibleDateRule {
  minAgeYears?: number;
  maxAgeYears?: number;
  maxDaysAhead?: number;
  maxYearsBack?: number;
}

/**
 * A real calendar date inside a window relative to today's Amsterdam date (a birth date 200 years ago is a typo,
 * not a student). Whole years back from today, clamped at month ends; `maxDaysAhead` in calendar days. The real
 * clock, not the service's injected one: a class-validator constraint has no injection, and a window this wide needs none.
 */
@ValidatorConstraint({ name: 'plausibleDate' })
export class PlausibleDateConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    if (!isCalendarDate(value)) return false;
    const rule = args.constraints[0] as PlausibleDateRule;
    const now = today();
    const yearsAgo = (years: number) => addMonths(now, -12 * years);
    if (rule.minAgeYears !== undefined && value > yearsAgo(rule.minAgeYears)) return false;
    if (rule.maxAgeYears !== undefined && value < yearsAgo(rule.maxAgeYears)) return false;
    if (rule.maxDaysAhead !== undefined && value > addDays(now, rule.maxDaysAhead)) return false;
    if (rule.maxYearsBack !== undefined && value < yearsAgo(rule.maxYearsBack)) return false;
    return true;
  }
  defaultMessage(args: ValidationArguments): string {
    const rule = args.constraints[0] as PlausibleDateRule;
    if (rule.minAgeYears !== undefined)
      return `${args.property} must be a date between ${rule.maxAgeYears} and ${rule.minAgeYears} years ago`;
    return `${args.property} must be a date at most ${rule.maxYearsBack} years ago and at most ${rule.maxDaysAhead} days ahead`;
  }
}
