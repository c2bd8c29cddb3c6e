import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { checkAgainstAnchor } from './anchor-check.js';
import { canonicalJson, linkEntry, LinkVerifier, plainHash, verifyChain, type ChainHasher, type ChainLink } from './audit-chain.js';
import { AuditKey, AuditKeyring, type ChainEpoch } from './audit-key.js';
import { InvalidConvenantError, parseConvenant } from './convenant.js';
import { decide, type DecisionRequest } from './decide.js';
import { describeAccess } from './plain-dutch.js';
import { latestBirthDate, youngerReading } from './age.js';
import { awaitsGuardian, genericConsentProblems, missingGrantors, statusAt, type Toestemming } from './toestemming.js';

const convenant = parseConvenant(JSON.parse(readFileSync(new URL('../../convenanten/mc21.json', import.meta.url), 'utf8')));
const now = new Date('2026-03-01T10:00:00Z');
const subject = 'pr_7K3M9QXW2D4F6H8J0N5P1R3T5V';
const rmc = { organisationType: 'rmc', id: 'rmc:MC21' } as const;
const wi = { organisationType: 'werk-inkomen', id: 'oin:00000001002564440000' } as const;
const school = { organisationType: 'school', id: 'brin:25XY' } as const;
const zorg = { organisationType: 'zorg', id: 'agb:73730123' } as const;

const consent = (overrides: Partial<Toestemming> = {}): Toestemming => ({
  id: 'c1',
  subject,
  birthDate: '2005-05-05',
  dataCategories: ['contactgegevens', 'trajectgegevens'],
  from: rmc,
  to: { organisationType: 'werk-inkomen' },
  purpose: 'warme-overdracht',
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
  wordingVersion: 'w@1',
  wordingText: 'tekst',
  howGiven: 'digitaal-ondertekend',
  grantedBy: ['jongere'],
  withdrawnAt: null,
  withdrawnBy: null,
  ...overrides,
});
const ask = (overrides: Partial<DecisionRequest> = {}): DecisionRequest => ({
  from: rmc,
  to: wi,
  subject,
  dataCategories: ['contactgegevens'],
  purpose: 'warme-overdracht',
  level: 'inhoud',
  ...overrides,
});
const context = (toestemmingen: Toestemming[], at = now) => ({ convenants: [convenant], toestemmingen, now: at, minorAgeThreshold: 18 });

describe('decide', () => {
  test('a legal obligation in the convenant permits content without consent', () => {
    const d = decide(ask({ from: school, to: rmc, purpose: 'melding-uitschrijving', dataCategories: ['schoolgegevens'] }), context([]));
    expect(d).toEqual({
      permit: true,
      levelAllowed: 'inhoud',
      reason: 'wettelijke-grondslag',
      decidedBy: {
        kind: 'convenant',
        convenantId: 'convenant-mc21',
        convenantVersion: 1,
        flowId: 'school-rmc-uitschrijving',
        grondslag: 'wettelijke-verplichting',
      },
    });
  });

  test('an organisation outside the convenant gets nothing from a legal flow', () => {
    expect(
      decide(
        ask({
          from: { organisationType: 'school', id: 'brin:99ZZ' },
          to: rmc,
          purpose: 'melding-uitschrijving',
          dataCategories: ['schoolgegevens'],
        }),
        context([]),
      ).permit,
    ).toBe(false);
  });

  test('a public task allows THAT (signaal) but not WHAT (inhoud)', () => {
    const signal = decide(ask({ purpose: 'trajectbegeleiding', dataCategories: ['trajectgegevens'], level: 'signaal' }), context([]));
    const content = decide(ask({ purpose: 'trajectbegeleiding', dataCategories: ['trajectgegevens'], level: 'inhoud' }), context([]));
    expect([signal.permit, signal.levelAllowed]).toEqual([true, 'signaal']);
    expect([content.permit, content.levelAllowed, content.reason]).toEqual([false, 'signaal', 'alleen-signaal-toegestaan']);
  });

  test('a care summary to W&I needs consent', () => {
    const request = ask({ from: zorg, dataCategories: ['zorginformatie'] });
    expect(decide(request, context([])).reason).toBe('geen-grondslag');
    const given = consent({ id: 'zorg-1', from: { organisationType: 'zorg' }, dataCategories: ['zorginformatie'] });
    expect(decide(request, context([given]))).toMatchObject({ permit: true, decidedBy: { kind: 'toestemming', toestemmingId: 'zorg-1' } });
  });

  test('consent is specific: other categories, recipient or purpose are not covered', () => {
    const given = [consent()];
    expect(decide(ask(), context(given)).permit).toBe(true);
    expect(decide(ask({ dataCategories: ['ondersteuningsbehoefte'] }), context(given)).permit).toBe(false);
    expect(decide(ask({ to: zorg }), context(given)).permit).toBe(false);
    expect(decide(ask({ purpose: 'nazorg' }), context(given)).permit).toBe(false);
    expect(decide(ask({ subject: 'pr_00000000000000000000000000' }), context(given)).permit).toBe(false);
  });

  test("a minor's consent without a guardian's denies; with it, or once adult, it permits", () => {
    const minor = consent({ birthDate: '2009-06-01' });
    expect(decide(ask(), context([minor]))).toMatchObject({
      permit: false,
      reason: 'toestemming-ouder-of-voogd-ontbreekt',
      decidedBy: { toestemmingId: 'c1' },
    });
    expect(decide(ask(), context([{ ...minor, grantedBy: ['jongere', 'ouder-of-voogd'] }])).permit).toBe(true);
    expect(decide(ask(), context([{ ...minor, validUntil: null }], new Date('2027-06-01T08:00:00Z'))).permit).toBe(true);
    expect(decide(ask(), context([minor], new Date('2026-05-31T08:00:00Z'))).permit).toBe(false);
  });

  test('withdrawn, expired and not-yet-valid consents deny with their reason', () => {
    expect(decide(ask(), context([consent({ withdrawnAt: new Date(now.getTime() - 1), withdrawnBy: 'jongere' })])).reason).toBe(
      'toestemming-ingetrokken',
    );
    expect(decide(ask(), context([consent({ validUntil: '2026-02-28' })])).reason).toBe('toestemming-verlopen');
    expect(decide(ask(), context([consent({ validFrom: '2026-03-02' })])).reason).toBe('toestemming-nog-niet-geldig');
    expect(decide(ask(), context([consent({ validUntil: '2026-03-01' })])).permit).toBe(true);
  });

  test('one valid consent among withdrawn ones still permits', () => {
    const d = decide(ask(), context([consent({ id: 'old', withdrawnAt: now, withdrawnBy: 'jongere' }), consent({ id: 'new' })]));
    expect(d).toMatchObject({ permit: true, decidedBy: { toestemmingId: 'new' } });
  });
});

describe('toestemming rules', () => {
  test('generic consent names each missing field', () => {
    expect(genericConsentProblems({ from: rmc }).map((p) => p.field)).toEqual(['to', 'dataCategories', 'purpose']);
    expect(genericConsentProblems({ from: rmc, to: wi, dataCategories: ['contactgegevens'], purpose: 'nazorg' })).toEqual([]);
  });

  test('status and grantors follow the calendar', () => {
    expect(statusAt(consent(), now)).toBe('active');
    expect(missingGrantors(consent({ birthDate: '2010-06-01' }), now, 16)).toEqual(['ouder-of-voogd']);
    expect(missingGrantors(consent({ birthDate: '2010-06-01' }), now, 15)).toEqual([]);
    expect(missingGrantors(consent({ grantedBy: ['ouder-of-voogd'] }), now, 18)).toEqual(['jongere']);
  });

  test('validity and the 18th birthday turn at Amsterdam midnight: 22:30 UTC on 30 June 2026 is already 1 July', () => {
    const justAfterMidnight = new Date('2026-06-30T22:30:00Z');
    expect(statusAt(consent({ validFrom: '2026-07-01' }), justAfterMidnight)).toBe('active');
    expect(statusAt(consent({ validUntil: '2026-06-30' }), justAfterMidnight)).toBe('expired');
    expect(statusAt(consent({ validFrom: '2026-07-01' }), new Date('2026-06-30T21:59:00Z'))).toBe('not-yet-valid');
    expect(missingGrantors(consent({ birthDate: '2008-07-01' }), justAfterMidnight, 18)).toEqual([]);
    expect(missingGrantors(consent({ birthDate: '2008-07-01' }), new Date('2026-06-30T21:59:00Z'), 18)).toEqual(['ouder-of-voogd']);
  });

  test('no school record of the age yet: a guardian must co-sign (fail closed)', () => {
    expect(missingGrantors(consent({ birthDate: null }), now, 18)).toEqual(['ouder-of-voogd']);
    expect(awaitsGuardian(consent({ birthDate: null }), now, 18)).toBe(true);
    expect(awaitsGuardian(consent({ birthDate: null, grantedBy: ['jongere', 'ouder-of-voogd'] }), now, 18)).toBe(false);
    expect(awaitsGuardian(consent({ birthDate: null, withdrawnAt: now }), now, 18)).toBe(false);
    expect(awaitsGuardian(consent(), now, 18)).toBe(false); // an adult by the school's record
  });

  test("the school's age on a date gives the latest birth date that fits, and two readings keep the younger", () => {
    // 17 on 2026-03-01: born between 2008-03-02 and 2009-03-01; assumed as young as possible.
    expect(latestBirthDate(17, '2026-03-01')).toBe('2009-03-01');
    expect(latestBirthDate(17, '2028-02-29')).toBe('2011-02-28');
    expect(decide(ask(), context([consent({ birthDate: latestBirthDate(17, '2026-03-01') })])).reason).toBe(
      'toestemming-ouder-of-voogd-ontbreekt',
    );
    expect(youngerReading('2008-01-01', '2009-01-01')).toBe('2009-01-01');
    expect(youngerReading('2009-01-01', '2008-01-01')).toBe('2009-01-01');
    expect(youngerReading(null, '2008-01-01')).toBe('2008-01-01');
  });
});

describe('convenant as data', () => {
  test('a broken convenant is refused with every problem named', () => {
    const broken = { ...convenant, version: 0, flows: [{ ...convenant.flows[0], grondslag: 'belang', purpose: 'alles' }] };
    try {
      parseConvenant(broken);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidConvenantError);
      expect((e as InvalidConvenantError).problems).toEqual(
        expect.arrayContaining([
          'version must be a positive integer',
          expect.stringMatching(/flows\[0\]\.grondslag/),
          expect.stringMatching(/flows\[0\]\.purpose/),
        ]),
      );
    }
  });
});

describe('audit chain', () => {
  const key = new AuditKey('a-fixed-test-key-of-at-least-32-bytes!!');
  const hasher = key.hasher('decision-audit');
  const fieldsAt = (i: number) => ({
    decidedAt: `2026-03-01T10:00:0${i}.000Z`,
    request: { i, b: 1, a: 2 },
    outcome: { permit: i % 2 === 0 },
  });
  const build = (n: number, h: ChainHasher = hasher, from: ChainLink[] = []): ChainLink[] => {
    const links = [...from];
    for (let i = from.length; i < n; i++) {
      const last = links.at(-1);
      links.push(linkEntry(last && { sequence: last.content.sequence, hash: last.hash }, fieldsAt(i), h));
    }
    return links;
  };

  test("canonical JSON is JSON.stringify of the value with every object's keys sorted by code unit, undefined left out", () => {
    const sortedCopy = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sortedCopy)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
                .map((k) => [k, sortedCopy((v as Record<string, unknown>)[k])]),
            )
          : v;
    const values: unknown[] = [
      null,
      0,
      -1.5e-7,
      'tekst met "aanhalingstekens", \\ en \u00e9',
      [],
      {},
      [1, 'twee', null, [{ b: 1, a: 2 }]],
      { z: 1, Z: 2, é: 3, a: { y: [], x: { d: null, c: 'c' } }, leeg: undefined, '': 'leeg' },
      { request: { from: rmc, to: wi, subject, dataCategories: ['contactgegevens'] }, outcome: { permit: true }, sequence: 7 },
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(JSON.stringify(sortedCopy(value)));
    // Integer-like keys too: JSON.stringify of an object puts them first in numeric order, the chain sorts them as text.
    expect(canonicalJson({ '10': 1, '9': 2, a: 3 })).toBe('{"10":1,"9":2,"a":3}');
  });

  test('an untouched chain verifies; key order does not matter', () => {
    const links = build(5).map((l) => ({ ...l, content: { ...l.content, request: JSON.parse(canonicalJson(l.content.request)) } }));
    expect(verifyChain(links, hasher)).toMatchObject({ intact: true, checked: 5, head: { sequence: 5 } });
  });

  test('a changed, removed or reordered entry is found', () => {
    const changed = build(5);
    changed[2] = { ...changed[2]!, content: { ...changed[2]!.content, outcome: { permit: false } } };
    expect(verifyChain(changed, hasher)).toMatchObject({ intact: false, brokenAt: 3, kind: 'changed' });
    const removed = build(5).filter((l) => l.content.sequence !== 4);
    expect(verifyChain(removed, hasher)).toMatchObject({ intact: false, brokenAt: 4 });
    const rehashed = build(5);
    rehashed[1] = linkEntry({ sequence: 1, hash: rehashed[0]!.hash }, { decidedAt: 'x', request: {}, outcome: {} }, hasher);
    expect(verifyChain(rehashed, hasher)).toMatchObject({ intact: false, brokenAt: 3 });
  });

  test('a chain recomputed from the genesis with plain SHA-256 or another key does not verify with the key', () => {
    expect(verifyChain(build(4, plainHash), hasher)).toMatchObject({ intact: false, brokenAt: 1, kind: 'changed' });
    const wrong = new AuditKey('another-key-of-at-least-thirty-two-bytes').hasher('decision-audit');
    expect(verifyChain(build(4, wrong), hasher)).toMatchObject({ intact: false, brokenAt: 1 });
    // The same key on another chain: entries cannot be moved between chains.
    expect(verifyChain(build(4, key.hasher('toestemming-audit')), hasher)).toMatchObject({ intact: false, brokenAt: 1 });
  });

  test('a key shorter than 32 bytes is refused, naming the variable and not the value', () => {
    expect(() => new AuditKey('too-short-a-key', 'CONSENT_AUDIT_KEY')).toThrow(/CONSENT_AUDIT_KEY must be at least 32 bytes/);
    expect(() => new AuditKey('too-short-a-key')).not.toThrow(/too-short-a-key/);
  });

  describe('key epochs: plain entries from before the key keep verifying, and the key protects them', () => {
    const ring = new AuditKeyring(key);
    const verify = (links: ChainLink[], epochs: ChainEpoch[]) => {
      const scheme = ring.schemeOf('decision-audit', epochs);
      if (!('hasherAt' in scheme)) return { intact: false, ...scheme };
      const verifier = new LinkVerifier((s, p) => scheme.hasherAt(s, p));
      verifier.feed(links);
      const verdict = verifier.finish();
      return verdict.intact ? (scheme.checkHead(verdict.head) ?? verdict) : verdict;
    };
    const legacy = build(3, plainHash);
    const epoch = ring.newEpoch('decision-audit', 4, legacy.at(-1)!.hash);
    const upgraded = build(6, hasher, legacy);

    test('three plain entries, then three keyed: intact', () => {
      expect(verify(upgraded, [epoch])).toMatchObject({ intact: true, checked: 6 });
      expect(verify(legacy, [epoch])).toMatchObject({ intact: true, checked: 3 });
    });

    test('a plain entry rewritten and the plain part recomputed: the first keyed entry no longer fits', () => {
      const rewritten = build(3, plainHash, [linkEntry(undefined, { ...fieldsAt(0), outcome: { permit: false } }, plainHash)]);
      expect(verify([...rewritten, ...upgraded.slice(3)], [epoch])).toMatchObject({ kind: 'changed', brokenAt: 4 });
      expect(verify(rewritten, [epoch])).toMatchObject({ kind: 'changed', brokenAt: 3 });
    });

    test('an epoch moved, removed or of an unknown key is refused; a tail cut below an epoch is truncation', () => {
      expect(verify(build(6, plainHash), [{ ...epoch, keyedFrom: 7 }])).toMatchObject({ kind: 'unkeyed', brokenAt: 7 });
      expect(verify(build(6, plainHash), [])).toMatchObject({ kind: 'unkeyed' });
      const other = new AuditKeyring(new AuditKey('another-key-of-at-least-thirty-two-bytes'));
      expect(other.schemeOf('decision-audit', [epoch])).toMatchObject({ kind: 'unkeyed', problem: expect.stringContaining(key.id) });
      expect(verify(legacy.slice(0, 2), [epoch])).toMatchObject({ kind: 'truncated', brokenAt: 3 });
    });

    test('pruned through a sealed checkpoint: verification starts there, also when an epoch began in the pruned range', () => {
      const checkpoint = ring.newCheckpoint('decision-audit', 5, upgraded[4]!.hash);
      expect(ring.checkpointProblem('decision-audit', checkpoint)).toBeUndefined();
      const scheme = ring.schemeOf('decision-audit', [epoch]);
      if (!('hasherAt' in scheme)) throw new Error(scheme.problem);
      const fromCheckpoint = (links: ChainLink[]) => {
        const verifier = new LinkVerifier((s, p) => scheme.hasherAt(s, p), {
          sequence: checkpoint.prunedThrough,
          hash: checkpoint.headHash,
        });
        verifier.feed(links);
        return verifier.finish();
      };
      expect(fromCheckpoint(upgraded.slice(5))).toMatchObject({ intact: true, checked: 1, head: { sequence: 6 } });
      expect(fromCheckpoint([])).toMatchObject({ intact: true, checked: 0, head: { sequence: 5 } });
      // One more entry removed without a checkpoint: a gap at the start.
      expect(fromCheckpoint(build(7, hasher, upgraded).slice(6))).toMatchObject({ intact: false, kind: 'changed', brokenAt: 6 });
    });

    test('a checkpoint moved, forged or sealed with another key is refused', () => {
      const checkpoint = ring.newCheckpoint('decision-audit', 5, upgraded[4]!.hash);
      expect(ring.checkpointProblem('decision-audit', { ...checkpoint, prunedThrough: 6 })).toMatch(/changed or forged/);
      expect(ring.checkpointProblem('toestemming-audit', checkpoint)).toMatch(/changed or forged/);
      const other = new AuditKeyring(new AuditKey('another-key-of-at-least-thirty-two-bytes'));
      expect(ring.checkpointProblem('decision-audit', { ...other.newCheckpoint('decision-audit', 5, upgraded[4]!.hash) })).toMatch(
        /not in the ring/,
      );
      expect(other.checkpointProblem('decision-audit', checkpoint)).toMatch(/not in the ring/);
    });

    test('after a rotation both keys verify their own entries; the old key alone no longer suffices', () => {
      const next = new AuditKey('the-next-key-of-at-least-thirty-two-bytes');
      const rotated = new AuditKeyring(next, [key]);
      const second = rotated.newEpoch('decision-audit', 7, upgraded.at(-1)!.hash);
      const links = build(8, next.hasher('decision-audit'), upgraded);
      const scheme = rotated.schemeOf('decision-audit', [epoch, second]);
      if (!('hasherAt' in scheme)) throw new Error(scheme.problem);
      const verifier = new LinkVerifier((s, p) => scheme.hasherAt(s, p));
      verifier.feed(links);
      expect(verifier.finish()).toMatchObject({ intact: true, checked: 8 });
      expect(rotated.schemeOf('decision-audit', [epoch])).toMatchObject({ kind: 'unkeyed', problem: expect.stringMatching(/current key/) });
    });
  });

  test('against an anchor: a head below it is truncation, another hash at its sequence a rewrite', () => {
    const anchor = { sequence: 5, headHash: 'a'.repeat(64), anchoredAt: '2026-03-02T10:05:00.000Z' };
    expect(checkAgainstAnchor({ sequence: 3 }, anchor, undefined)).toMatchObject({ kind: 'truncated', brokenAt: 4 });
    expect(checkAgainstAnchor({ sequence: 7 }, anchor, 'b'.repeat(64))).toMatchObject({ kind: 'changed', brokenAt: 5 });
    expect(checkAgainstAnchor({ sequence: 7 }, anchor, 'a'.repeat(64))).toBeUndefined();
  });
});

describe('access log in plain Dutch', () => {
  test('says who saw what, when, why and on which basis', () => {
    const line = describeAccess({
      accessedAt: new Date('2026-03-01T13:05:00Z'),
      requester: 'oin:00000001002564440000',
      holder: 'rmc:MC21',
      dataCategories: ['contactgegevens', 'schoolgegevens'],
      purpose: 'warme-overdracht',
      level: 'inhoud',
      permitted: true,
      reason: 'toestemming',
      decidedBy: { kind: 'toestemming', toestemmingId: 'c1', grondslag: 'toestemming' },
    });
    expect(line).toBe(
      'Op 1 maart 2026 om 14:05 heeft oin:00000001002564440000 contactgegevens en gegevens over je school en opleiding bekeken bij rmc:MC21, om je goed over te dragen aan een andere organisatie. Dat mocht omdat jij daar toestemming voor gaf.',
    );
  });
});
