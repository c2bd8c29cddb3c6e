import type { RegisteredKind } from '@estafette/organisations-client';

/** A code accepted for a kind: the platform's organisation id built from it, and the code as stored. */
export type CodeCheck = { ok: true; id: string; code: string } | { ok: false; reason: string };

const BRIN = /^[0-9]{2}[A-Z0-9]{2}$/;
const AGB = /^[0-9]{8}$/;
const OIN = /^[0-9]{20}$/;
const GEMEENTE = /^GM[0-9]{4}$/;

const FORMATS: Record<RegisteredKind, { scheme: (code: string) => string | undefined; expected: string }> = {
  school: { scheme: (c) => (BRIN.test(c) ? 'brin' : undefined), expected: 'a BRIN code: 2 digits and 2 letters or digits, e.g. 25XY' },
  zorg: { scheme: (c) => (AGB.test(c) ? 'agb' : undefined), expected: 'an AGB code: 8 digits, e.g. 12345678' },
  'werk-inkomen': {
    scheme: (c) => (GEMEENTE.test(c) ? 'gemeente' : OIN.test(c) ? 'oin' : undefined),
    expected: 'a CBS municipality code (GM and 4 digits, e.g. GM0363) or an OIN (20 digits)',
  },
  platform: { scheme: (c) => (OIN.test(c) ? 'oin' : undefined), expected: 'an OIN: 20 digits' },
};

/**
 * The organisation id for a registered organisation's code: school `25XY` -> `brin:25XY`, zorg `12345678` ->
 * `agb:12345678`, werk-inkomen `GM0363` -> `gemeente:GM0363` or a 20-digit OIN -> `oin:...`, platform OIN ->
 * `oin:...`. The code is trimmed and upper-cased first (BRIN codes are written in capitals). The schemes are
 * the platform's organisation ids (libs/auth ORGANISATION_ID_PATTERN, the event contracts); source: design.
 */
export function organisationIdFor(kind: RegisteredKind, rawCode: string): CodeCheck {
  const code = rawCode.trim().toUpperCase();
  const format = FORMATS[kind];
  const scheme = format.scheme(code);
  if (!scheme) return { ok: false, reason: `code must be ${format.expected} for a ${kind} organisation; got "${rawCode}"` };
  return { ok: true, id: `${scheme}:${code}`, code };
}
