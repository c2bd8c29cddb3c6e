// Synthetic uitschrijvingen for load (benchmark, fault tests): valid, unique per index, and in scope of MC21.
import { today } from '@estafette/calendar';

/** A different nine-digit number per index that passes the elfproef (the school derives the pseudonym, so the record key, from it). */
export function bsnFor(i: number): string {
  // Eight digits from i, the ninth chosen so that 9*d1 + ... + 2*d8 - d9 is divisible by 11.
  for (let prefix = 20_000_000 + i * 13; ; prefix++) {
    const digits = String(prefix).split('').map(Number);
    const check = digits.reduce((sum, d, k) => sum + d * (9 - k), 0) % 11;
    if (check < 10) return `${prefix}${check}`;
  }
}

/** An eligible vsv leaver (17-18, no startkwalificatie, GM0363 -> MC21) for POST /uitschrijvingen. */
export function vsvLeaverBody(schoolReference: string, i: number, bsn = bsnFor(i)) {
  return {
    schoolReference,
    studentNumber: String(100000 + i),
    bsn,
    birthDate: '2008-03-14',
    deregistrationDate: today(),
    schoolType: 'mbo',
    schoolLevel: 'mbo-2',
    highestDiploma: 'vmbo-kb',
    reason: 'zonder-vervolg',
    exitInterviewHeld: true,
    municipalityOfResidence: 'GM0363',
  };
}
