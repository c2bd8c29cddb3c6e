import type { RetentionAction, RetentionBasis, RetentionMoment, RetentionPeriod, RetentionService } from '@estafette/privacy/readable';

export { BASIS as GRONDSLAG_LABELS } from '../rmc/labels.js';

/** THAT or WHAT (docs/privacy.md "THAT before WHAT"). */
export const LEVEL_LABELS: Record<string, string> = {
  signaal: 'signaal (dat er contact is)',
  inhoud: 'inhoud (de gegevens zelf)',
};

/** Every service with personal data (RETENTION_SERVICES of @estafette/privacy; the type keeps this list complete). */
export const RETENTION_SERVICE_NAMES: Record<RetentionService, string> = {
  school: 'School',
  rmc: 'RMC',
  'werk-inkomen': 'Werk & Inkomen',
  zorg: 'Zorg',
  consent: 'Toestemmingen',
  monitor: 'Monitor (stuurinformatie)',
};

export const MOMENT_LABELS: Record<RetentionMoment, string> = {
  'end-of-responsibility': 'einde van de verantwoordelijkheid',
  closing: 'afsluiten',
  'last-contact': 'laatste contact',
  deregistration: 'uitschrijving',
  enrolment: 'inschrijving',
  read: 'het inzien zelf',
  published: 'verstuurd op de eventbus',
  received: 'ontvangen',
  recorded: 'het vastleggen zelf',
};

export const ACTION_LABELS: Record<RetentionAction, string> = {
  delete: 'verwijderen',
  pseudonymise: 'pseudonimiseren',
};

export const BASIS_KIND_LABELS: Record<RetentionBasis['kind'], string> = {
  law: 'wet',
  source: 'bron',
  design: 'ontwerpkeuze',
};

/** "1 jaar", "2 jaar en 6 maanden", "90 dagen"; an empty period is "0 dagen" (gone at once). */
export function periodText(period: RetentionPeriod): string {
  const parts = [
    period.years ? `${period.years} jaar` : '',
    period.months ? `${period.months} ${period.months === 1 ? 'maand' : 'maanden'}` : '',
    period.days ? `${period.days} ${period.days === 1 ? 'dag' : 'dagen'}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' en ') : '0 dagen';
}
