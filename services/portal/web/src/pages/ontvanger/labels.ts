import { currentSession } from '../../auth/oidc.js';
import { receiverService } from '../../roles.js';

export type ReceiverService = 'werk-inkomen' | 'zorg' | 'school';

/** The user's own service: werk-inkomen for W&I, zorg for a care provider, school for school staff (the same pages, libs/receiver). */
export function myService(): ReceiverService {
  const claims = currentSession()?.claims;
  return (claims && receiverService(claims)) ?? 'werk-inkomen';
}

/** Where the inbox lives for this service: school staff have their pages under /school. */
export const inboxPath = (service: ReceiverService): string => (service === 'school' ? '/school/verwijzingen' : '/verwijzingen');

export const VERWIJZING_STATUS: Record<string, string> = {
  aangeboden: 'Nieuw: wacht op uw antwoord',
  geaccepteerd: 'Geaccepteerd',
  afgewezen: 'Afgewezen',
  verlopen: 'Verlopen',
  ingetrokken: 'Ingetrokken door afzender',
  'eerste-contact-gehad': 'Eerste contact gehad',
  'eerste-contact-gemist': 'Eerste contact gemist',
  geplaatst: 'Geplaatst',
  mislukt: 'Mislukt',
};
export const REJECT_REASONS = [
  'niet-in-doelgroep',
  'verkeerde-regio',
  'geen-capaciteit',
  'onvolledige-gegevens',
  'geen-toestemming',
  'al-in-traject',
  'jongere-weigert',
  'anders',
] as const;
export const CONTACT_TYPES = ['driegesprek', 'huisbezoek', 'gesprek-op-locatie', 'telefonisch', 'video'] as const;
export const MISSED_REASONS = ['niet-verschenen', 'niet-bereikbaar', 'afgezegd-door-jongere', 'afgezegd-door-organisatie'] as const;
export const PLACEMENT_TYPES = [
  'onderwijs',
  'betaald-werk',
  'leerbaan',
  'bbl',
  'participatieplek',
  'beschut-werk',
  'dagbesteding',
  'zorgtraject',
] as const;
export const DROPOUT_REASONS = [
  'baan-verloren',
  'contract-niet-verlengd',
  'gestopt-met-opleiding',
  'uitgeschreven',
  'traject-afgebroken',
  'anders',
] as const;
export const CHECK_OUTCOMES = ['nog-geplaatst', 'afgerond', 'uitgevallen', 'niet-bereikbaar'] as const;
export const CHECK_TYPES: Record<string, string> = { 'na-2-maanden': 'Na 2 maanden', 'na-1-jaar': 'Na 1 jaar' };

/** Why the school refused its dossier, in words a consulent can act on. */
export const REFUSAL: Record<string, string> = {
  'geen-grondslag': 'Er is geen toestemming van de jongere en geen wettelijke grondslag om deze gegevens met u te delen.',
  'toestemming-ingetrokken': 'De jongere heeft de toestemming ingetrokken. U mag deze gegevens niet meer inzien.',
  'toestemming-verlopen': 'De toestemming van de jongere is verlopen.',
  'toestemming-nog-niet-geldig': 'De toestemming van de jongere geldt nog niet.',
  'toestemming-ouder-of-voogd-ontbreekt': 'De jongere is minderjarig: ook een ouder of voogd moet toestemming geven.',
  'alleen-signaal-toegestaan': 'U mag alleen weten dat er contact is, niet de inhoud.',
};

/** Where a young person returned by an uitval na plaatsing came from (null for an offer). */
export interface Herkomst {
  uitvalId: string;
  plaatsingId: string;
  placementType: string;
  dropoutDate: string;
  dropoutReason: string;
  reportedBy: { organisationType: string; id: string };
  previousOverdrachtId: string | null;
}

export interface Verwijzing {
  overdrachtId: string;
  pseudonymousReference: string;
  fromType: string;
  fromId: string;
  /** The sender's name from the organisation directory; null when it does not know it. */
  fromName: string | null;
  purpose: string;
  handoverReason: string;
  responseDueAt: string;
  /** The last Amsterdam day on which an answer is in time. */
  responseDueOn: string;
  /** False once the deadline passed (the service's clock), even before the sender's expiry arrives. */
  answerable: boolean;
  ageAtOffer: number;
  municipality: string;
  firstContactProposedOn: string | null;
  status: string;
  rejectReason: string | null;
  contactPerson: string | null;
  firstContactPlannedOn: string | null;
  firstContactDate: string | null;
  enrolmentPlannedOn: string | null;
  receivedAt: string;
  herkomst: Herkomst | null;
}
