/**
 * The BSN eleven test: 9 digits, weights 9..2 and -1 for the last; the sum is a multiple of 11 and not 0.
 */
export function passesElfproef(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn)) return false;
  const digits = [...bsn].map(Number);
  const sum = digits.reduce((acc, digit, i) => acc + digit * (i === 8 ? -1 : 9 - i), 0);
  return sum !== 0 && sum % 11 === 0;
}
