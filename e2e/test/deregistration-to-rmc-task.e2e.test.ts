import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { vsvLeaver } from './chain-client.js';
import { startChain, type Chain } from './support/chain.js';
import { addWorkingDays, holidayRulesFor, today as amsterdamToday } from '@estafette/calendar';
import { eventually } from '@estafette/testing';

const today = amsterdamToday();
// An eligible vsv leaver in Utrecht (GM0344, region MC19), with this test's own reference and student number.
const leaver = vsvLeaver('123456782', today, { schoolReference: 'UIT-E2E-1', studentNumber: '700101' });

describe('from a deregistration at school to a task on the RMC worklist', () => {
  let chain: Chain<'school' | 'rmc'> | undefined;
  let school: INestApplication;
  let rmc: INestApplication;
  let schoolToken: string;
  let utrechtToken: string;

  beforeAll(async () => {
    chain = await startChain({
      label: 'e2e',
      services: ['school', 'rmc'],
      schoolSecret: 'e2e-secret-of-at-least-thirty-two-bytes!!',
      timerIntervalMs: 60_000,
    });
    ({ school, rmc } = chain.apps);
    schoolToken = await chain.issue('school-system', { organisationType: 'school', id: 'brin:25XY' }, 'client-25xy');
    utrechtToken = await chain.issue('rmc-consulent', { organisationType: 'rmc', id: 'rmc:MC19' }, 'consulent-u');
  });
  afterAll(async () => {
    await chain?.close();
  });

  const post = async (body: unknown) =>
    fetch(`${await school.getUrl()}/uitschrijvingen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${schoolToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const worklist = async () =>
    (await (await fetch(`${await rmc.getUrl()}/taken`, { headers: { authorization: `Bearer ${utrechtToken}` } })).json()) as {
      total: number;
      items: { firstContactDueDate: string; status: string; school: string }[];
    };

  test('the Utrecht RMC sees the task with its due date, and the school sees the vsv-melding in its nazorg view', async () => {
    expect((await post(leaver)).status).toBe(201);
    const list = await eventually(async () => {
      const l = await worklist();
      return l.total > 0 ? l : undefined;
    }, 15_000);
    // GM0344 is in the sample's Utrecht region, which sets 5 working days for first contact.
    expect(list.items[0]).toMatchObject({
      status: 'nieuw',
      school: 'brin:25XY',
      firstContactDueDate: addWorkingDays(today, 5, holidayRulesFor('rmc')),
    });

    const nazorg = await eventually(async () => {
      const res = await fetch(`${await school.getUrl()}/uitschrijvingen`, { headers: { authorization: `Bearer ${schoolToken}` } });
      const body = (await res.json()) as { items: { nazorgStatus: string }[] };
      return body.items[0]?.nazorgStatus === 'vsv-gemeld' ? body : undefined;
    });
    expect(nazorg.items).toHaveLength(1);
  });

  test('posting the same deregistration again changes nothing down the chain', async () => {
    expect((await post(leaver)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await worklist()).total).toBe(1);
  });

  test('an enrolment at another school (same BSN) cancels the melding: the task is closed and the old school sees it', async () => {
    const newSchoolToken = await chain!.issuer.issueToken({
      role: 'school-staff',
      organisationType: 'school',
      organisationId: 'brin:30AB',
      sub: 'staff-30ab',
    });
    const enrolment = {
      studentNumber: '880042',
      bsn: leaver.bsn,
      birthDate: leaver.birthDate,
      enrolmentDate: today,
      schoolType: 'mbo',
      schoolLevel: 'mbo-2',
      municipalityOfResidence: 'GM0344',
    };
    const res = await fetch(`${await school.getUrl()}/inschrijvingen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${newSchoolToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(enrolment),
    });
    expect(res.status).toBe(201);

    const closed = await eventually(async () => {
      const l = (await (
        await fetch(`${await rmc.getUrl()}/taken?status=gesloten`, { headers: { authorization: `Bearer ${utrechtToken}` } })
      ).json()) as {
        total: number;
        items: { status: string; school: string; herinschrijving: unknown }[];
      };
      return l.total > 0 ? l : undefined;
    }, 15_000);
    // Attributable: the task says which school enrolled the young person, and when.
    const herinschrijving = { school: 'brin:30AB', datum: today, inschrijvingId: ((await res.json()) as { id: string }).id };
    expect(closed.items).toEqual([
      expect.objectContaining({ status: 'gesloten', school: 'brin:25XY', herinschrijving: expect.objectContaining(herinschrijving) }),
    ]);
    expect((await worklist()).items.filter((t) => t.status !== 'gesloten')).toEqual([]);

    const nazorg = await eventually(async () => {
      const r = await fetch(`${await school.getUrl()}/uitschrijvingen`, { headers: { authorization: `Bearer ${schoolToken}` } });
      const body = (await r.json()) as { items: { nazorgStatus: string }[] };
      return body.items[0]?.nazorgStatus === 'vsv-vervallen' ? body : undefined;
    });
    expect(nazorg.items).toHaveLength(1);
  });
});
