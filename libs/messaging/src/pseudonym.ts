import { createHmac } from 'node:crypto';

/** Crockford base32: no I, L, O, U, so a reference read aloud or copied by hand cannot be misread. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 26 characters = 130 bits: collisions are out of reach for any population this platform will see. */
const REFERENCE_LENGTH = 26;

export interface PseudonymSource {
  /** The owning organisation, e.g. `brin:12AB`. */
  organisationId: string;
  /** That organisation's own identifier of the person: a student number or a BSN. */
  personId: string;
}

/**
 * Keyed, so nobody without the owner's secret can recompute a reference from a BSN (see PSEUDONYM.md).
 * The parts are length-framed (JSON array) so that ("ab", "c") and ("a", "bc") cannot collide.
 */
export function derivePseudonymousReference(secret: string | Buffer, source: PseudonymSource): string {
  if (secret.length < 32) throw new Error('pseudonym secret must be at least 32 bytes of random data');
  const organisationId = source.organisationId.trim();
  const personId = source.personId.trim();
  if (!organisationId || !personId) throw new Error('organisationId and personId are both required');
  const mac = createHmac('sha256', secret)
    .update(JSON.stringify([organisationId, personId]))
    .digest();
  return `pr_${crockfordBase32(mac).slice(0, REFERENCE_LENGTH)}`;
}

function crockfordBase32(bytes: Buffer): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(buffer << (5 - bits)) & 31];
  return out;
}
