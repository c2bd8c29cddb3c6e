import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
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

const DAY = 86_400_000;
const YEAR = 365.25 * DAY;

/** A real calendar date inside a window relative to today (a birth date 200 years ago is a typo, not a student). */
@ValidatorConstraint({ name: 'plausibleDate' })
export class PlausibleDateConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const time = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) return false;
    const rule = args.constraints[0] as PlausibleDateRule;
    const age = Date.now() - time;
    if (rule.minAgeYears !== undefined && age < rule.minAgeYears * YEAR) return false;
    if (rule.maxAgeYears !== undefined && age > rule.maxAgeYears * YEAR) return false;
    if (rule.maxDaysAhead !== undefined && -age > rule.maxDaysAhead * DAY) return false;
    if (rule.maxYearsBack !== undefined && age > rule.maxYearsBack * YEAR) return false;
    return true;
  }
  defaultMessage(args: ValidationArguments): string {
    const rule = args.constraints[0] as PlausibleDateRule;
    if (rule.minAgeYears !== undefined)
      return `${args.property} must be a date between ${rule.maxAgeYears} and ${rule.minAgeYears} years ago`;
    return `${args.property} must be a date at most ${rule.maxYearsBack} years ago and at most ${rule.maxDaysAhead} days ahead`;
  }
}
