import { basisText } from '../pages/rmc/labels.js';
import { Alert } from './Alert.js';
import { Details } from './Details.js';
import { formatDate } from './format.js';
import { Organisatie } from './Organisatie.js';

/** The school's dossier of one young person, as the school returns it after the consent service allowed the fetch. */
export interface SchoolDossier {
  name: { firstName: string; lastName: string } | null;
  birthDate: string;
  contact: Record<string, string | null> | null;
  school: string;
  schoolCareer: Record<string, string | boolean | null>;
  basis: string;
}

/**
 * A fetched dossier with the basis it was shared on. The RMC (withAddress) also shows the address and school type:
 * it has to find the young person; a receiver only needs the contact details.
 */
export function SchoolDossierView({ dossier: d, withAddress = false }: { dossier: SchoolDossier; withAddress?: boolean }) {
  return (
    <>
      <Alert kind="info">Grondslag: {basisText(d.basis)}</Alert>
      <Details
        items={[
          ['Naam', d.name ? `${d.name.firstName} ${d.name.lastName}` : 'niet bekend bij de school'],
          ['Geboortedatum', formatDate(d.birthDate)],
          ['Telefoon', d.contact?.phone ?? '-'],
          ['E-mail', d.contact?.email ?? '-'],
          ...(withAddress
            ? [
                [
                  'Adres',
                  d.contact
                    ? [d.contact.street, d.contact.houseNumber, d.contact.postcode, d.contact.city].filter(Boolean).join(' ') || '-'
                    : '-',
                ] as [string, string],
              ]
            : []),
          ['School', <Organisatie id={d.school} />],
          ...(withAddress
            ? [
                ['Schoolsoort en niveau', [d.schoolCareer.schoolType, d.schoolCareer.schoolLevel].filter(Boolean).join(', ')] as [
                  string,
                  string,
                ],
              ]
            : []),
          ['Hoogste diploma', String(d.schoolCareer.highestDiploma ?? '-')],
          ['Uitgeschreven op', formatDate(String(d.schoolCareer.deregistrationDate ?? ''))],
        ]}
      />
    </>
  );
}
