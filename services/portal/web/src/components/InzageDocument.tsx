import {
  basisInDutch,
  purposeInDutch,
  resourceInDutch,
  roleInDutch,
  valueInDutch,
  type InzageAvailableSection,
  type InzageDocument,
  type InzageSection,
  type InzageValue,
} from '@estafette/privacy/readable';
import { DataTable } from './DataTable.js';
import { formatDate, formatDateTime } from './format.js';
import { Organisatie } from './Organisatie.js';

/** Each service as the young person knows it (B1); the consent service's HTML and PDF use the same titles. */
const SERVICE_TITLES: Record<string, string> = {
  consent: 'Toestemmingen',
  school: 'School',
  rmc: 'RMC (hulp bij school of werk vinden)',
  'werk-inkomen': 'Werk & Inkomen van de gemeente',
  zorg: 'Zorg',
};

/** A calendar date (YYYY-MM-DD) as the portal shows dates; anything else in the inzage's plain Dutch. */
const valueText = (value: InzageValue) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : valueInDutch(value);

const title = (section: InzageSection) => SERVICE_TITLES[section.service] ?? section.service;

/**
 * An inzage (AVG art. 15) as the young person reads it, in plain Dutch addressed as "je": per organisation what it
 * holds, who read what, when and why, and what was removed after a withdrawal. A part that is "niet beschikbaar" says so
 * plainly. Headings start at h2 (the page has the h1).
 */
export function InzageDocumentView({ document }: { document: InzageDocument }) {
  return (
    <div className="inzage">
      <p>
        Dit overzicht is gemaakt op {formatDateTime(document.createdAt)}.{' '}
        {document.requestedBy.kind === 'privacy-officer'
          ? 'Het is aangevraagd bij de privacyfunctionaris, die heeft gecontroleerd wie het vroeg.'
          : 'Je vroeg het zelf aan, toen je was ingelogd.'}
      </p>
      {document.sections.map((section) => (
        <section key={section.service} aria-labelledby={`inzage-${section.service}`}>
          <h2 id={`inzage-${section.service}`}>{title(section)}</h2>
          {section.status === 'niet-beschikbaar' ? (
            <p className="niet-beschikbaar">
              <strong>Niet beschikbaar.</strong> Dit deel kunnen we nu niet laten zien. {section.reason}
            </p>
          ) : (
            <AvailableSection section={section} />
          )}
        </section>
      ))}
    </div>
  );
}

function AvailableSection({ section }: { section: InzageAvailableSection }) {
  const name = title(section);
  return (
    <>
      <h3>Welke gegevens er over je zijn</h3>
      {section.records.length === 0 ? <p className="leeg">Hier zijn geen gegevens over je bewaard.</p> : null}
      {section.records.map((record, i) => (
        <div className="tabel-houder" key={i} role="region" aria-label={`${name}: ${record.category}`} tabIndex={0}>
          <table>
            <caption>
              {record.category} (bewaard door <Organisatie id={record.organisation.id} name={record.organisation.name} />)
            </caption>
            <tbody>
              {Object.entries(record.fields).map(([field, value]) => (
                <tr key={field}>
                  <th scope="row">{field}</th>
                  <td>{valueText(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <h3>Wie je gegevens bekeek</h3>
      <DataTable
        caption={`${name}: wie je gegevens bekeek`}
        rows={section.accesses}
        rowKey={(a) => `${a.at}-${a.role}-${a.resource}`}
        rowClass={(a) => (a.refused ? 'te-laat' : undefined)}
        empty="Niemand heeft hier je gegevens bekeken."
        columns={[
          { header: 'Wanneer', rowHeader: true, cell: (a) => formatDateTime(a.at) },
          {
            header: 'Wie',
            cell: (a) => (
              <>
                {roleInDutch(a.role)}
                {a.organisation ? (
                  <>
                    {' '}
                    van <Organisatie id={a.organisation.id} name={a.organisation.name} />
                  </>
                ) : null}
              </>
            ),
          },
          { header: 'Wat', cell: (a) => resourceInDutch(a.resource) },
          { header: 'Waarom', cell: (a) => purposeInDutch(a.purpose) },
          {
            header: 'Mocht het?',
            cell: (a) =>
              a.refused ? <span className="label label-te-laat">Nee: {basisInDutch(a.basis)}</span> : <>Ja: {basisInDutch(a.basis)}</>,
          },
        ]}
      />
      <h3>Wat is verwijderd nadat je een toestemming introk</h3>
      {section.removals.length === 0 ? (
        <p className="leeg">Er is hier niets verwijderd.</p>
      ) : (
        <ul>
          {section.removals.map((r, i) => (
            <li key={i}>
              {formatDateTime(r.at)}: {r.what} ({r.reason})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
