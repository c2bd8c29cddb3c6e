import { describe, expect, test } from '@jest/globals';
import { isFirstContactOverdue, reassigned, toewijzingRefusals } from './caseload.js';
import { TaakTransitionError } from './taak-lifecycle.js';

describe('bulk toewijzing', () => {
  test('every id must be an open task in the region; refusals come in the order requested', () => {
    const found = [
      { id: 'a', status: 'nieuw' as const },
      { id: 'b', status: 'gesloten' as const },
      { id: 'c', status: 'traject' as const },
      { id: 'd', status: 'overgedragen' as const },
    ];
    expect(toewijzingRefusals(['a', 'c'], found)).toEqual([]);
    expect(toewijzingRefusals(['x', 'a', 'b', 'd'], found)).toEqual([
      { taakId: 'x', reason: 'niet-in-regio' },
      { taakId: 'b', reason: 'niet-open', status: 'gesloten' },
      { taakId: 'd', reason: 'niet-open', status: 'overgedragen' },
    ]);
  });

  test('a new task becomes toegewezen, a task in contact or traject keeps its status, a closed one cannot move', () => {
    expect(reassigned('nieuw', 'k')).toEqual({ assignedTo: 'k', status: 'toegewezen' });
    expect(reassigned('toegewezen', 'k')).toEqual({ assignedTo: 'k', status: 'toegewezen' });
    expect(reassigned('in-contact', 'k')).toEqual({ assignedTo: 'k', status: 'in-contact' });
    expect(reassigned('traject', 'k')).toEqual({ assignedTo: 'k', status: 'traject' });
    expect(() => reassigned('gesloten', 'k')).toThrow(TaakTransitionError);
    expect(() => reassigned('overgedragen', 'k')).toThrow(TaakTransitionError);
  });
});

describe('overdue first contact', () => {
  const taak = { status: 'toegewezen' as const, firstContactAt: null, firstContactDueDate: '2026-09-15' };
  test('late from the day after the due date, not on it; never after contact or when closed', () => {
    expect(isFirstContactOverdue(taak, '2026-09-15')).toBe(false);
    expect(isFirstContactOverdue(taak, '2026-09-16')).toBe(true);
    expect(isFirstContactOverdue({ ...taak, firstContactAt: new Date('2026-09-20T10:00:00Z') }, '2026-09-21')).toBe(false);
    expect(isFirstContactOverdue({ ...taak, status: 'gesloten' }, '2026-09-16')).toBe(false);
  });
});
