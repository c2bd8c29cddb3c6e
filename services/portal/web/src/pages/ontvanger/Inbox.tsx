import { useState } from 'react';
import { api } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { options, SelectField } from '../../components/Fields.js';
import { formatDate, formatDeadline } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Gemeente } from '../../components/Gemeente.js';
import { Organisatie, OrganisatieNaam } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';
import { Link } from '../../router.js';
import { inboxPath, myService, VERWIJZING_STATUS, type Verwijzing } from './labels.js';

/**
 * Referrals addressed to the user's organisation, the nearest answer deadline first; a young person returned by an
 * uitval na plaatsing is there too, already held (nothing to answer).
 */
export function Inbox() {
  const service = myService();
  const [status, setStatus] = useState('');
  const list = useApi(() => api<{ items: Verwijzing[] }>(service, '/verwijzingen', { query: { status } }), [status]);
  // The service says whether the deadline passed (its clock): the device's clock may be off.
  const late = (v: Verwijzing) => v.status === 'aangeboden' && !v.answerable;
  return (
    <>
      <PageTitle>Verwijzingen</PageTitle>
      <form className="filters" aria-label="Filter" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Status"
          name="status"
          value={status}
          onChange={setStatus}
          placeholder="Alle statussen"
          options={options(Object.keys(VERWIJZING_STATUS), VERWIJZING_STATUS)}
        />
      </form>
      <Loading loading={list.loading && !list.data} error={list.error}>
        {() => (
          <DataTable
            caption="Verwijzingen, eerste antwoordtermijn eerst"
            rows={list.data!.items}
            rowKey={(v) => v.overdrachtId}
            rowClass={(v) => (late(v) ? 'te-laat' : undefined)}
            empty="Geen verwijzingen."
            columns={[
              {
                header: 'Antwoordtermijn',
                rowHeader: true,
                cell: (v) =>
                  v.herkomst ? (
                    'Geen antwoord nodig'
                  ) : (
                    <>
                      {formatDeadline(v.responseDueOn)} {late(v) ? <span className="label label-te-laat">te laat</span> : null}
                    </>
                  ),
              },
              {
                header: 'Status',
                cell: (v) => `${VERWIJZING_STATUS[v.status] ?? v.status}${v.herkomst ? ' (terug na uitval)' : ''}`,
              },
              { header: 'Van', cell: (v) => <Organisatie id={v.fromId} name={v.fromName} /> },
              { header: 'Doel', cell: (v) => v.purpose },
              { header: 'Leeftijd', cell: (v) => v.ageAtOffer },
              { header: 'Gemeente', cell: (v) => <Gemeente code={v.municipality} /> },
              { header: 'Voorgesteld eerste gesprek', cell: (v) => formatDate(v.firstContactProposedOn) },
              {
                header: 'Verwijzing',
                cell: (v) => (
                  <Link href={`${inboxPath(service)}/${v.overdrachtId}`}>
                    Open verwijzing
                    <span className="visually-hidden">
                      {' '}
                      van <OrganisatieNaam id={v.fromId} name={v.fromName} />, {formatDate(v.receivedAt)}
                    </span>
                  </Link>
                ),
              },
            ]}
          />
        )}
      </Loading>
    </>
  );
}
