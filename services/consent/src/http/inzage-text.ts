import type { InzageDocument, InzageSection } from '@estafette/privacy';
import { momentInDutch } from '@estafette/privacy';

/** Each service as the young person knows it (B1). */
export const SERVICE_TITLES: Record<string, string> = {
  consent: 'Toestemmingen',
  school: 'School',
  rmc: 'RMC (hulp bij school of werk vinden)',
  'werk-inkomen': 'Werk & Inkomen van de gemeente',
  zorg: 'Zorg',
};

export const serviceTitle = (section: InzageSection) => SERVICE_TITLES[section.service] ?? section.service;

/** The words the HTML and the PDF share, so both say the same thing. Plain Dutch, B1, addressed as "je". */
export const TEXT = {
  title: 'Jouw inzage: je gegevens en wie ze bekeek',
  intro: (doc: InzageDocument) =>
    [
      `Dit overzicht is gemaakt op ${momentInDutch(doc.createdAt)}.`,
      'Je hebt het recht om te zien welke gegevens organisaties over je bewaren, en wie die gegevens bekeek. Dat staat in de AVG (artikel 15).',
      doc.requestedBy.kind === 'privacy-officer'
        ? 'Je vroeg dit overzicht aan bij de privacyfunctionaris. Die heeft gecontroleerd dat jij het bent.'
        : 'Je vroeg dit overzicht zelf aan, toen je was ingelogd.',
      'Klopt er iets niet? Of wil je dat iets wordt verwijderd? Neem dan contact op met de organisatie die het bewaart.',
    ].join(' '),
  unavailable: 'Dit deel kunnen we nu niet laten zien.',
  records: 'Welke gegevens er over je zijn',
  noRecords: 'Hier zijn geen gegevens over je bewaard.',
  accesses: 'Wie je gegevens bekeek',
  noAccesses: 'Niemand heeft hier je gegevens bekeken.',
  removals: 'Wat is verwijderd nadat je een toestemming introk',
  noRemovals: 'Er is hier niets verwijderd.',
  heldBy: 'Bewaard door',
};
