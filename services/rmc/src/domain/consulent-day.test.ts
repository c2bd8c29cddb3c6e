import { describe, expect, test } from '@jest/globals';
import { periodicContactDue } from './periodic-contact.js';
import { nextStepDueAt, PlanRefusedError, statusWithPlan } from './plan-van-aanpak.js';

describe('plan van aanpak', () => {
  test('in contact becomes traject, traject stays traject', () => {
    expect(statusWithPlan('in-contact')).toBe('traject');
    expect(statusWithPlan('traject')).toBe('traject');
  });

  test.each([
    ['nieuw', 'nog-geen-contact'],
    ['toegewezen', 'nog-geen-contact'],
    ['overgedragen', 'taak-afgesloten'],
    ['gesloten', 'taak-afgesloten'],
  ] as const)('a task that is %s gets no plan (%s)', (status, reason) => {
    expect(() => statusWithPlan(status)).toThrow(PlanRefusedError);
    try {
      statusWithPlan(status);
    } catch (error) {
      expect((error as PlanRefusedError).reason).toBe(reason);
    }
  });

  test("the next step's timer fires at 00:00 Amsterdam of its day, summer and winter", () => {
    expect(nextStepDueAt('2026-09-22').toISOString()).toBe('2026-09-21T22:00:00.000Z');
    expect(nextStepDueAt('2026-12-01').toISOString()).toBe('2026-11-30T23:00:00.000Z');
  });
});

describe('periodic contact (001:161)', () => {
  test('due the period later, late from 00:00 Amsterdam the day after', () => {
    expect(periodicContactDue('2026-09-01', 3)).toEqual({ dueDate: '2026-12-01', timerDueAt: new Date('2026-12-01T23:00:00Z') });
  });

  test('clamped to the end of a shorter month', () => {
    expect(periodicContactDue('2026-11-30', 3).dueDate).toBe('2027-02-28');
    expect(periodicContactDue('2027-05-31', 1).dueDate).toBe('2027-06-30');
  });
});
