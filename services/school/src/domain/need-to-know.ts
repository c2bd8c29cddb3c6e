import { ageOn } from '@estafette/calendar';
import type { NazorgStatus } from './nazorg-status.js';

/** Why a dossier is not shared with an RMC; the words a consulent and the access log see. */
export type RmcRefusal = 'andere-regio' | 'geen-open-vsv-melding' | '23-of-ouder';

export interface RmcReadFacts {
  /** The reading RMC's region code (rmc:MC21 -> MC21). */
  readerRegion: string;
  /** The region the young person's municipality of residence routes to (the CBS indeling, mergers applied), if any. */
  residenceRegion: string | undefined;
  /** What the school knows from the chain: 'vsv-gemeld' while the RMC's vsv-melding is open. */
  nazorgStatus: NazorgStatus;
  birthDate: string;
  /** The day of the read, Europe/Amsterdam (ISO date; ServiceCalendar.today()): birthdays turn at Dutch midnight. */
  today: string;
}

/**
 * Need-to-know for an RMC (design; the RMC's legal task: early school leavers under 23 of its own region,
 * brief 000:386-388): a dossier goes to an RMC only for a young person routed to its region, with an open
 * vsv-melding, who is under 23 on the day of the read. The first rule that fails is the reason.
 */
export function rmcMayRead(f: RmcReadFacts): { allowed: true } | { allowed: false; reason: RmcRefusal } {
  if (f.residenceRegion !== f.readerRegion) return { allowed: false, reason: 'andere-regio' };
  if (f.nazorgStatus !== 'vsv-gemeld') return { allowed: false, reason: 'geen-open-vsv-melding' };
  if (ageOn(f.birthDate, f.today) >= 23) return { allowed: false, reason: '23-of-ouder' };
  return { allowed: true };
}

/**
 * Need-to-know for W&I and zorg (design; the brief's trust boundaries): a dossier only for a young person
 * referred to that organisation by a warm handover still open or accepted; the consent service decides next.
 */
export function receiverMayRead(hasReferral: boolean): { allowed: true } | { allowed: false; reason: 'geen-verwijzing' } {
  return hasReferral ? { allowed: true } : { allowed: false, reason: 'geen-verwijzing' };
}
