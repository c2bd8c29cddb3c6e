import { expect } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { eventually } from '@estafette/testing';

// Response bodies are read loosely: the assertions in the tests say what they must contain.
export type Json = Record<string, any>;

/** A fresh BSN that passes the elfproef, so each path is its own young person. */
export function freshBsn(): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10));
    const sum = digits.reduce((acc, d, i) => acc + d * (9 - i), 0);
    const last = sum % 11;
    if (last < 10 && digits[0] !== 0) return `${digits.join('')}${last}`;
  }
}

/**
 * The uitschrijving a school system posts for a vsv leaver (mbo-1, no startkwalificatie, no follow-up) with this BSN,
 * living in Utrecht (GM0344: RMC region MC19) unless `overrides` say otherwise; dates are Amsterdam calendar dates.
 */
export function vsvLeaver(bsn: string, deregistrationDate: string, overrides: Record<string, unknown> = {}): Json {
  return {
    schoolReference: `UIT-${bsn}`,
    studentNumber: bsn.slice(0, 6),
    bsn,
    birthDate: '2008-05-01',
    deregistrationDate,
    schoolType: 'mbo',
    schoolLevel: 'mbo-1',
    highestDiploma: 'vmbo-bb',
    reason: 'zonder-vervolg',
    exitInterviewHeld: false,
    municipalityOfResidence: 'GM0344',
    contact: { firstName: 'Sem', lastName: 'Jansen', phone: '0611111111' },
    ...overrides,
  };
}

/**
 * HTTP against the running services of a chain test, as one of the named token holders: `call` returns the
 * status and body, `ok` expects 200/201, `until` polls a GET until the predicate holds on its body.
 */
export function chainClient<K extends string>(apps: Record<K, INestApplication>, token: Record<string, string>) {
  async function call(app: K, who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${await apps[app].getUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${token[who]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Json };
  }
  const ok = async (app: K, who: string, method: string, path: string, body?: unknown) => {
    const res = await call(app, who, method, path, body);
    expect([200, 201]).toContain(res.status);
    return res.body;
  };
  const until = (app: K, who: string, path: string, holds: (body: Json) => unknown) =>
    eventually(async () => {
      const body = await ok(app, who, 'GET', path);
      return holds(body) ? body : undefined;
    });
  return { call, ok, until };
}
