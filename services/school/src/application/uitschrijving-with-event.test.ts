import { describe, expect, test } from '@jest/globals';
import { uitschrijvingRegistered, validateEvent } from '@estafette/contracts';
import { uitschrijvingWithEvent, type UitschrijvingInput } from './uitschrijving-with-event.js';

const settings = { pseudonymSecret: 'unit-test-secret-of-at-least-thirty-two-bytes', publicUrl: 'http://school.test' };
const leapling: UitschrijvingInput = {
  schoolId: 'brin:25XY',
  schoolReference: 'UIT-1',
  studentNumber: '204518',
  birthDate: '2004-02-29',
  deregistrationDate: '2027-02-28',
  schoolType: 'mbo',
  schoolLevel: 'mbo-2',
  highestDiploma: 'vmbo-kb',
  reason: 'zonder-vervolg',
  exitInterviewHeld: true,
  municipalityOfResidence: 'GM0363',
};

describe('the uitschrijving event: exact age and turns23On, no birth date', () => {
  test('born 29 February 2004: 22 on 28 February 2027, 23 on 1 March 2027, the day the event names', () => {
    const before = uitschrijvingWithEvent(leapling, settings).event;
    expect(before.type).toBe(uitschrijvingRegistered.type);
    expect(before.data).toMatchObject({ ageAtDeregistration: 22, turns23On: '2027-03-01' });
    const on = uitschrijvingWithEvent({ ...leapling, deregistrationDate: '2027-03-01' }, settings).event;
    expect(on.data).toMatchObject({ ageAtDeregistration: 23, turns23On: '2027-03-01' });
  });

  test('the event is valid and carries no birth date', () => {
    const { record, event } = uitschrijvingWithEvent({ ...leapling, birthDate: '2008-03-14' }, settings);
    expect(validateEvent(event)).toMatchObject({ ok: true });
    expect(event.data).toMatchObject({ turns23On: '2031-03-14' });
    expect(record.birthDate).toBe('2008-03-14');
    expect(JSON.stringify(event)).not.toContain('2008-03-14');
  });
});
