const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh, random pseudonymous reference (`pr_` + 26 Crockford base32): one per test person. */
export function pseudonym(): string {
  return `pr_${Array.from({ length: 26 }, () => CROCKFORD[Math.floor(Math.random() * 32)]).join('')}`;
}
