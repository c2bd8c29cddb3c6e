import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BadRequestException, ForbiddenException } from '@nestjs/common';
import {
  ACTING_USER_HEADER,
  actingUserHeader,
  actingUserOf,
  ContentClient,
  ContentUnavailableError,
  OrganisationDirectory,
  organisationDirectoryFromEnv,
  type Principal,
} from '../src/index.js';

const UITSCHRIJVING = /^\/uitschrijvingen\/[0-9a-f-]{36}$/;
const id = '5b0e6f2a-6d0c-4a53-9a55-0d1d6f0c7e11';
const school = { organisationType: 'school', id: 'brin:25XY' };
const consulent: Principal = { subject: 'c-1', role: 'rmc-consulent', organisationType: 'rmc', organisationId: 'rmc:MC21' };
const rmcService: Principal = { subject: 'estafette-rmc-service', role: 'service', organisationType: 'rmc' };

describe('the organisation directory decides where content lives, not the event', () => {
  const directory = new OrganisationDirectory({ school: 'https://school.example', 'brin:31QQ': 'https://31qq.example' });

  test("a dataref on the owner's origin naming a resource of the expected shape is accepted, with its path", () => {
    expect(directory.checkDataref(school, `https://school.example/uitschrijvingen/${id}`, UITSCHRIJVING)).toEqual({
      ok: true,
      path: `/uitschrijvingen/${id}`,
    });
    expect(
      directory.checkDataref({ organisationType: 'school', id: 'brin:31QQ' }, `https://31qq.example/uitschrijvingen/${id}`, UITSCHRIJVING)
        .ok,
    ).toBe(true);
  });

  test.each([
    [
      'another host',
      `http://127.0.0.1:9/uitschrijvingen/${id}`,
      'dataref refused: http://127.0.0.1:9 is not the configured origin of brin:25XY',
    ],
    [
      "the owner's host as user info before another host",
      `https://school.example@evil.example/uitschrijvingen/${id}`,
      'dataref refused: https://evil.example is not the configured origin of brin:25XY',
    ],
    [
      'another scheme on the same host',
      `http://school.example/uitschrijvingen/${id}`,
      'dataref refused: http://school.example is not the configured origin of brin:25XY',
    ],
    [
      'another port on the same host',
      `https://school.example:8443/uitschrijvingen/${id}`,
      'dataref refused: https://school.example:8443 is not the configured origin of brin:25XY',
    ],
    ['a path of another shape', 'https://school.example/admin', 'dataref refused: /admin is not a resource of the expected shape'],
    [
      'a traversal out of the resource',
      `https://school.example/uitschrijvingen/${id}/../../admin`,
      'dataref refused: /admin is not a resource of the expected shape',
    ],
    [
      'a query string',
      `https://school.example/uitschrijvingen/${id}?next=http://evil.example`,
      'dataref refused: /uitschrijvingen/5b0e6f2a-6d0c-4a53-9a55-0d1d6f0c7e11 is not a resource of the expected shape',
    ],
    ['not a URL', 'javascript:alert(1)', 'dataref refused: not an http(s) URL'],
    ['garbage', '%%%', 'dataref refused: not a URL'],
  ])('%s is refused with the reason', (_name, dataref, reason) => {
    expect(directory.checkDataref(school, dataref, UITSCHRIJVING)).toEqual({ ok: false, reason });
  });

  test('an organisation of a kind the directory does not know has no origin: its datarefs are refused', () => {
    expect(directory.checkDataref({ organisationType: 'zorg', id: 'agb:12345678' }, 'https://zorg.example/x', /.*/)).toEqual({
      ok: false,
      reason: 'dataref refused: no origin configured for agb:12345678 in the organisation directory',
    });
  });

  test('a directory entry that is not a bare origin stops the service from starting', () => {
    expect(() => new OrganisationDirectory({ school: 'https://school.example/api' })).toThrow('must map to an origin');
    expect(() => new OrganisationDirectory({ school: 'file:///etc' })).toThrow('must map to an origin');
  });

  test("from the environment: ORGANISATION_DIRECTORY, else each kind's public URL or port", () => {
    expect(organisationDirectoryFromEnv({ ORGANISATION_DIRECTORY: '{"brin:25XY":"https://a.example"}' })).toEqual({
      'brin:25XY': 'https://a.example',
    });
    expect(() => organisationDirectoryFromEnv({ ORGANISATION_DIRECTORY: 'school=http://x' })).toThrow('ORGANISATION_DIRECTORY is not JSON');
    expect(() => organisationDirectoryFromEnv({ ORGANISATION_DIRECTORY: '["http://x"]' })).toThrow('must be a JSON object of origins');
    expect(organisationDirectoryFromEnv({ SCHOOL_PUBLIC_URL: 'http://school:3001', RMC_PORT: '4002' })).toEqual({
      school: 'http://school:3001',
      rmc: 'http://127.0.0.1:4002',
      'werk-inkomen': 'http://127.0.0.1:3003',
      zorg: 'http://127.0.0.1:3004',
    });
  });
});

describe("the content client: the configured origin, the service's own token, the acting user", () => {
  let owner: http.Server;
  let trap: http.Server;
  let ownerUrl: string;
  let trapUrl: string;
  const seen: { url?: string; authorization?: string; acting?: string }[] = [];
  const trapped: string[] = [];

  const listen = async (server: http.Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    trap = http.createServer((req, res) => void (trapped.push(`${req.url} ${req.headers.authorization}`), res.end('{}')));
    trapUrl = await listen(trap);
    owner = http.createServer((req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization, acting: req.headers[ACTING_USER_HEADER] as string });
      if (req.url === '/redirect') return void res.writeHead(302, { location: `${trapUrl}/stolen` }).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    ownerUrl = await listen(owner);
  });
  afterAll(async () => {
    for (const server of [owner, trap]) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  const client = (serviceToken?: () => Promise<string>) =>
    new ContentClient({ directory: new OrganisationDirectory({ school: ownerUrl }), serviceToken });

  test("asks the owner's origin with the service token and the acting user; the user's token is nowhere", async () => {
    const res = await client(async () => 'service-token').get(school, `/uitschrijvingen/${id}/dossier`, consulent, 2_000);
    expect(await res.json()).toEqual({ ok: true });
    expect(seen.at(-1)).toEqual({
      url: `/uitschrijvingen/${id}/dossier`,
      authorization: 'Bearer service-token',
      acting: actingUserHeader(consulent),
    });
  });

  test.each([['//evil.example/x'], ['/a/../../x'], ['/a?b=c'], ['http://evil.example/x'], ['/a/%2e%2e/x'], ['']])(
    'the path %j is refused before any request',
    async (path) => {
      const before = seen.length;
      await expect(client(async () => 'service-token').get(school, path, consulent, 2_000)).rejects.toThrow(ContentUnavailableError);
      expect(seen.length).toBe(before);
    },
  );

  test('an owner the directory does not know, or no credentials: refused before any request', async () => {
    await expect(client(async () => 't').get({ organisationType: 'zorg', id: 'agb:12345678' }, '/x', consulent, 2_000)).rejects.toThrow(
      'no origin configured for agb:12345678',
    );
    await expect(client().get(school, '/x', consulent, 2_000)).rejects.toThrow('no client credentials');
  });

  test('a redirect from the owner is not followed: the trap gets nothing', async () => {
    await expect(client(async () => 'service-token').get(school, '/redirect', consulent, 2_000)).rejects.toThrow();
    expect(trapped).toEqual([]);
  });
});

describe("the acting user: trusted only from a service token, only for a person of the service's kind", () => {
  test("a person's own token reads as themself: a header naming someone else is ignored", () => {
    const other = actingUserHeader({ subject: 'boss', role: 'rmc-coordinator', organisationType: 'rmc', organisationId: 'rmc:MC19' });
    expect(actingUserOf(consulent, other)).toBe(consulent);
  });

  test('a service token with a well-formed user of its kind reads as that user', () => {
    expect(actingUserOf(rmcService, actingUserHeader(consulent))).toEqual({
      subject: 'c-1',
      role: 'rmc-consulent',
      organisationType: 'rmc',
      organisationId: 'rmc:MC21',
    });
  });

  test('a service token without the header, or with a malformed one, is a 400 naming the header', () => {
    for (const header of [
      undefined,
      'not-base64-json',
      Buffer.from('{"sub":"x","role":"rmc-consulent","organisation_type":"school","organisation_id":"brin:25XY"}').toString('base64url'),
    ]) {
      const error = (() => {
        try {
          actingUserOf(rmcService, header);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(BadRequestException);
      expect((error as BadRequestException).getResponse()).toMatchObject({ errors: [{ field: ACTING_USER_HEADER }] });
    }
  });

  test('a service acting for a user of another kind, for a young person, or for a service: 403 with the reason', () => {
    const school25: Principal = { subject: 's', role: 'school-staff', organisationType: 'school', organisationId: 'brin:25XY' };
    const wiService: Principal = { subject: 'estafette-werk-inkomen-service', role: 'service', organisationType: 'werk-inkomen' };
    for (const [caller, user] of [
      [rmcService, school25],
      [wiService, consulent],
      [rmcService, rmcService],
      [rmcService, { subject: 'pr_x', role: 'jongere', organisationType: 'platform' } as Principal],
    ] as const) {
      const error = (() => {
        try {
          actingUserOf(caller, actingUserHeader(user));
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ForbiddenException);
      expect((error as ForbiddenException).getResponse()).toMatchObject({ reason: 'acting-user-not-of-service' });
    }
  });
});
