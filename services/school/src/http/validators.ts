import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { municipalityOn, platformIndeling, type MunicipalityOn } from '@estafette/contracts';
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
    const { earliest, latest } = windowOf(args.constraints[0] as PlausibleDateRule, today());
    return (earliest === undefined || value >= earliest) && (latest === undefined || value <= latest);
  }
  defaultMessage(args: ValidationArguments): string {
    const rule = args.constraints[0] as PlausibleDateRule;
    if (rule.minAgeYears !== undefined)
      return `${args.property} must be a date between ${rule.maxAgeYears} and ${rule.minAgeYears} years ago`;
    return `${args.property} must be a date at most ${rule.maxYearsBack} years ago and at most ${rule.maxDaysAhead} days ahead`;
  }
}

/** The window's first and last allowed dates on `now`, kept per rule for the day: every intake row asks for it. */
function windowOf(rule: PlausibleDateRule, now: string): { earliest?: string; latest?: string } {
  const kept = windows.get(rule);
  if (kept?.now === now) return kept;
  const yearsAgo = (years: number) => addMonths(now, -12 * years);
  const bounds = (...dates: (string | undefined)[]) => dates.filter((d): d is string => d !== undefined);
  const earliest = bounds(
    rule.maxAgeYears === undefined ? undefined : yearsAgo(rule.maxAgeYears),
    rule.maxYearsBack === undefined ? undefined : yearsAgo(rule.maxYearsBack),
  )
    .sort()
    .at(-1); // the later of the lower bounds
  const latest = bounds(
    rule.minAgeYears === undefined ? undefined : yearsAgo(rule.minAgeYears),
    rule.maxDaysAhead === undefined ? undefined : addDays(now, rule.maxDaysAhead),
  ).sort()[0]; // the earlier of the upper bounds
  const window = { now, earliest, latest };
  windows.set(rule, window);
  return window;
}

const windows = new WeakMap<PlausibleDateRule, { now: string; earliest?: string; latest?: string }>();

/** A DTO whose municipality of residence must exist on one of its dates names that date's field. */
export interface WithResidenceDate {
  residenceDateField: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function lookUp(args: ValidationArguments): MunicipalityOn | undefined {
  const code = args.value;
  // A malformed code has its own message (the format check); this one is about codes that look right.
  if (typeof code !== 'string' || !/^GM[0-9]{4}$/.test(code)) return undefined;
  const object = args.object as Record<string, unknown>;
  const date = object[(object.constructor as unknown as WithResidenceDate).residenceDateField];
  // Without a valid date (its own error) the code is checked against today's list.
  const on = typeof date === 'string' && ISO_DATE.test(date) ? date : today();
  return municipalityOn(platformIndeling(), code, on);
}

/**
 * The municipality of residence must be a CBS municipality on the DTO's date (`residenceDateField`), after the
 * mergers in force then (an old code of a merged municipality is accepted and routes to its successor), so
 * every accepted uitschrijving can be routed to an RMC region. Source: design (issue 18), CBS indeling 2025.
 */
@ValidatorConstraint({ name: 'municipalityOnDate' })
export class MunicipalityOnDateConstraint implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return lookUp(args)?.known !== false;
  }
  defaultMessage(args: ValidationArguments): string {
    const found = lookUp(args);
    return `${args.property} ${found && !found.known ? found.reason : 'is not a CBS municipality'}: no RMC region can be found for it`;
  }
}
