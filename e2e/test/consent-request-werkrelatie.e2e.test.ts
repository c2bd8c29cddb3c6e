import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { derivePseudonymousReference } from '@estafette/messaging';
import { addDays, addWorkingDays, today as amsterdamToday } from '@estafette/calendar';
import { eventually } from '@estafette/testing';
import { chainClient, freshBsn, vsvLeaver, type Json } from './chain-client.js';
import { startChain, type Chain } from './support/chain.js';

const SECRET = 'e2e-werkrelatie-secret-of-at-least-32-bytes';
const today = amsterdamToday();
const school = { organisationType: 'school', id: 'brin:25XY' };
const rmc = { organisationType: 'rmc', id: 'rmc:MC19' };
const wi = { organisationType: 'werk-inkomen', id: 'gemeente:GM0344' };

/**
 * Consent asked only for a young person the requester works with (issue 23), decided by each requester's own service
 * from its own records: the school that deregistered them, the RMC region with their task, and W&I only while a
 * verwijzing to it is open or accepted. Everything real: broker, databases, tokens, the consent service asking.
 */
describe('a consent request only from an organisation that works with the young person', () => {
  type App = 'consent' | 'school' | 'rmc' | 'wi';
  const apps = {} as Record<App, INestApplication>;
  const token: Record<string, string> = {};
  let chain: Chain<App> | undefined;

  beforeAll(async () => {
    chain = await startChain({
      label: 'e2ew',
      services: ['consent', 'school', 'rmc', 'wi'],
      schoolSecret: SECRET,
      directory: [{ kind: 'werk-inkomen', code: 'GM0344', name: 'Gemeente Utrecht, Werk & Inkomen' }],
    });
    Object.assign(apps, chain.apps);
    token.schoolSystem = await chain.issue('school-system', school, 'client-25xy');
    token.schoolStaff = await chain.issue('school-staff', school, 'mentor-25xy');
    token.otherSchool = await chain.issue('school-staff', { organisationType: 'school', id: 'brin:31QQ' }, 'mentor-31qq');
    token.consulent = await chain.issue('rmc-consulent', rmc, 'consulent-u');
    token.otherRmc = await chain.issue('rmc-consulent', { organisationType: 'rmc', id: 'rmc:MC21' }, 'consulent-a');
    token.wi = await chain.issue('wi-consulent', wi, 'wi-u');
    token.otherWi = await chain.issue('wi-consulent', { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' }, 'wi-a');
    token.wiService = await chain.issuer.issueToken({
      role: 'service',
      organisationType: 'werk-inkomen',
      sub: 'estafette-werk-inkomen-service',
    });
  });

  afterAll(async () => {
    await chain?.close();
  });

  const { call, ok, until } = chainClient(apps, token);
  /** `who` asks the young person to let `from` (by default the school) share their school data with `who`'s organisation. */
  const ask = (who: string, subject: string, from: { organisationType: string; id: string } = school) =>
    call('consent', who, 'POST', '/verzoeken', {
      subject,
      dataCategories: ['schoolgegevens'],
      from,
      purpose: 'warme-overdracht',
      reason: 'We willen je helpen met een baan die bij je past.',
      validUntil: addDays(today, 60),
    });

  test('the school, the RMC region with the task and, once offered, W&I may ask; the others get 403 geen-werkrelatie', async () => {
    const bsn = freshBsn();
    const subject = derivePseudonymousReference(SECRET, { organisationId: 'bsn', personId: bsn });
    const deregistered = await call(
      'school',
      'schoolSystem',
      'POST',
      '/uitschrijvingen',
      vsvLeaver(bsn, today, { birthDate: '2007-05-01' }),
    );
    expect(deregistered).toMatchObject({ status: 201 });
    const list = await until('rmc', 'consulent', '/taken?pageSize=500', (l) =>
      l.items.some((t: Json) => t.pseudonymousReference === subject),
    );
    const taakId = list.items.find((t: Json) => t.pseudonymousReference === subject).id as string;

    // Before any verwijzing W&I does not work with them; another school, region or municipality never did.
    const refusedBefore = await ask('wi', subject);
    expect([refusedBefore.status, refusedBefore.body.reason]).toEqual([403, 'geen-werkrelatie']);
    for (const stranger of ['otherSchool', 'otherRmc', 'otherWi']) expect((await ask(stranger, subject)).status).toBe(403);
    // The RMC region with the task, and the school that deregistered them (asking the RMC's data), may.
    expect((await ask('consulent', subject)).status).toBe(201);
    expect((await ask('schoolStaff', subject, rmc)).status).toBe(201);

    // The RMC offers the young person to W&I: from the moment W&I has the verwijzing, it may ask.
    await ok('rmc', 'consulent', 'POST', `/taken/${taakId}/contactmomenten`, {
      kind: 'contact',
      channel: 'huisbezoek',
      outcome: 'bereikt',
    });
    const offer = await call('rmc', 'consulent', 'POST', `/taken/${taakId}/overdrachten`, {
      to: wi,
      purpose: 'werk',
      reason: 'school-geen-optie',
      contactPerson: 'J. de Vries, RMC Utrecht',
      firstContactProposedOn: addWorkingDays(today, 2),
    });
    expect(offer).toMatchObject({ status: 201 });
    const offered = offer.body;
    await eventually(async () => ((await call('wi', 'wi', 'GET', `/verwijzingen/${offered.id}`)).status === 200 ? true : undefined));
    expect((await ask('wi', subject)).status).toBe(201);
    expect((await ask('otherWi', subject)).status).toBe(403);

    // W&I declines the verwijzing: it no longer works with them, and may not ask again.
    await ok('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/afwijzing`, { reason: 'geen-capaciteit' });
    const refusedAfter = await ask('wi', subject);
    expect([refusedAfter.status, refusedAfter.body.reason]).toEqual([403, 'geen-werkrelatie']);
    // The young person sees exactly the three requests that were let through.
    const me = await chain!.issuer.issueToken({ role: 'jongere', organisationType: 'platform', sub: subject });
    const theirs = await fetch(`${await apps.consent.getUrl()}/me/verzoeken`, { headers: { authorization: `Bearer ${me}` } });
    const requesters = ((await theirs.json()) as Json).items.map((v: Json) => v.requester.id).sort();
    expect(requesters).toEqual([school.id, rmc.id, wi.id].sort());
  });

  test("each service answers the werkrelatie question to the platform's consent service only", async () => {
    const subject = derivePseudonymousReference(SECRET, { organisationId: 'bsn', personId: freshBsn() });
    const path = `/werkrelatie/${subject}/${encodeURIComponent(wi.id)}`;
    // A consulent is refused by role (403); another kind of service gets the 404 of an unknown path, and learns nothing.
    expect((await call('wi', 'wi', 'GET', path)).status).toBe(403);
    expect((await call('wi', 'wiService', 'GET', path)).status).toBe(404);
    expect((await call('wi', 'wiService', 'GET', `/werkrelatie/not-a-reference/${encodeURIComponent(wi.id)}`)).status).toBe(404);
  });
});
