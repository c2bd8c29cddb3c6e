import type { RegieEndedData } from '@estafette/contracts';
import { formatDate } from './format.js';

type EndReason = RegieEndedData['reason'];
type CloseReason = NonNullable<RegieEndedData['closeReason']>;

/** Why a responsibility (regie) ended, in Dutch: every reason of REGIE_END_REASONS (checked by the compiler). */
export const REGIE_END_REASON: Record<EndReason, string> = {
  'melding-ingetrokken': 'vsv-melding ingetrokken',
  'terug-naar-school': 'terug naar school',
  'leeftijd-23': '23 jaar geworden',
  'gesloten-door-consulent': 'gesloten door de consulent',
};

/** The consulent's reason for closing, in Dutch: every reason of CONSULENT_CLOSE_REASONS. */
export const CONSULENT_CLOSE_REASON: Record<CloseReason, string> = {
  'startkwalificatie-behaald': 'startkwalificatie behaald',
  emigratie: 'geëmigreerd',
  'onterecht-gemeld': 'onterecht gemeld',
  overleden: 'overleden',
  'niet-meer-in-doelgroep': 'niet meer in de doelgroep',
};

/** An end as the RMC's GET /baton/:pseudonymousReference gives it (`on` is an Amsterdam calendar date). */
export interface RegieEnd {
  reason: string;
  on: string;
  by: { organisationType: string; id: string };
  closeReason?: string | null;
}

/** "Regie beëindigd op 10 mei 2027: 23 jaar geworden"; a consulent's close adds its reason in brackets. */
export function regieEndText(ended: RegieEnd): string {
  const reason = REGIE_END_REASON[ended.reason as EndReason] ?? ended.reason;
  const close = ended.closeReason ? ` (${CONSULENT_CLOSE_REASON[ended.closeReason as CloseReason] ?? ended.closeReason})` : '';
  return `Regie beëindigd op ${formatDate(ended.on)}: ${reason}${close}`;
}
