import { describe, expect, test } from '@jest/globals';
import {
  overdrachtAccepted,
  overdrachtFirstContactHeld,
  overdrachtOffered,
  overdrachtRejected,
  vsvMeldingRegistered,
} from '@estafette/contracts';
import { wieHelptMij, type RmcTaakStand } from './wie-helpt-mij.js';

const rmc = { organisationType: 'rmc', id: 'rmc:MC21' };
const wi = { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' };
const zorg = { organisationType: 'zorg', id: 'agb:12345678' };
const melding = {
  id: 'e1',
  type: vsvMeldingRegistered.type,
  time: '2026-11-02T09:00:00Z',
  data: { vsvMeldingId: 'm1', rmcRegion: 'MC21', gracePeriodEndDate: '2026-12-02' },
};
const offer = (id: string, to: object, time: string) => ({
  id,
  type: overdrachtOffered.type,
  time,
  data: { overdrachtId: id, from: rmc, to, responseDueAt: '2026-12-31T23:00:00Z' },
});
const taak: RmcTaakStand = { region: 'MC21', firstContactDueDate: '2026-11-16', firstContactAt: null };

describe('wie helpt mij nu: the holder, the next step and the history from the baton events', () => {
  test('after the melding the RMC holds it; before a first contact the next step is that contact, by its due date', () => {
    const view = wieHelptMij([melding], taak);
    expect(view.holder).toEqual({ organisation: rmc, since: melding.time });
    expect(view.next).toEqual({ kind: 'eerste-contact-rmc', on: '2026-11-16' });
    expect(view.history).toEqual([{ kind: 'melding', at: melding.time, to: rmc }]);
  });

  test("with a plan van aanpak the RMC's next step is the plan's; after a first contact without a plan there is none", () => {
    const plan = { nextStep: 'Open dag ROC bezoeken', nextStepOn: '2026-11-20' };
    expect(wieHelptMij([melding], { ...taak, firstContactAt: new Date(), plan }).next).toEqual({
      kind: 'plan',
      what: plan.nextStep,
      on: '2026-11-20',
    });
    expect(wieHelptMij([melding], { ...taak, firstContactAt: new Date() }).next).toBeNull();
  });

  test('an offer keeps the baton at the RMC; the acceptance moves it, since that moment, with the first talk as next step until held', () => {
    const offered = offer('o1', wi, '2026-11-05T10:00:00Z');
    expect(wieHelptMij([melding, offered], taak).holder?.organisation).toEqual(rmc);
    const accepted = {
      id: 'a1',
      type: overdrachtAccepted.type,
      time: '2026-11-06T08:30:00Z',
      data: { overdrachtId: 'o1', from: rmc, to: wi, firstContactPlannedOn: '2026-11-10' },
    };
    // Events in any order: the answer is the same.
    const view = wieHelptMij([accepted, melding, offered], taak);
    expect(view.holder).toEqual({ organisation: wi, since: accepted.time });
    expect(view.next).toEqual({ kind: 'eerste-gesprek', on: '2026-11-10' });
    expect(view.history.map((s) => s.kind)).toEqual(['melding', 'aangeboden', 'geaccepteerd']);
    expect(view.history[2]).toMatchObject({ from: rmc, to: wi });
    const held = {
      id: 'h1',
      type: overdrachtFirstContactHeld.type,
      time: '2026-11-10T12:00:00Z',
      data: { overdrachtId: 'o1', from: rmc, to: wi, date: '2026-11-10' },
    };
    expect(wieHelptMij([melding, offered, accepted, held], taak).next).toBeNull();
  });

  test('a rejected offer leaves the RMC holding it, and shows in the history', () => {
    const offered = offer('o2', zorg, '2026-11-05T10:00:00Z');
    const rejected = {
      id: 'r2',
      type: overdrachtRejected.type,
      time: '2026-11-06T10:00:00Z',
      data: { overdrachtId: 'o2', from: rmc, to: zorg, reason: 'geen-capaciteit' },
    };
    const view = wieHelptMij([melding, offered, rejected], taak);
    expect(view.holder?.organisation).toEqual(rmc);
    expect(view.holder?.since).toBe(melding.time);
    expect(view.history.map((s) => s.kind)).toEqual(['melding', 'aangeboden', 'afgewezen']);
  });

  test('no events: nobody holds it and there is no next step', () => {
    expect(wieHelptMij([])).toEqual({ holder: null, ended: null, next: null, history: [] });
  });
});
