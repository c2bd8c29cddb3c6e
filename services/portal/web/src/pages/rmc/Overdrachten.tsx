import { useState } from 'react';
import { api } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { options, SelectField } from '../../components/Fields.js';
import { formatDate, formatDateTime, formatDeadline } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie, OrganisatieNaam } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';
import { Link } from '../../router.js';
import { BATON_BY_OFFER_STATUS, ORGANISATION_TYPE, OVERDRACHT_STATUS, type Overdracht } from './labels.js';

/**
 * Every handover the region started, with where it stands and where it left the baton: the sender keeps the baton
 * until acceptance. The current holder, or why the responsibility ended, is on the task.
 */
export function Overdrachten() {
  const [status, setStatus] = useState('');
  const list = useApi(() => api<{ items: Overdracht[] }>('rmc', '/overdrachten-uit', { query: { status } }), [status]);
  return (
    <>
      <PageTitle>Overdrachten</PageTitle>
      <p>
        U houdt het estafettestokje tot de ontvanger een aanbod accepteert. Wie het stokje nu heeft, of waarom en sinds wanneer de regie is
        beëindigd, staat bij de taak.
      </p>
      <form className="filters" aria-label="Filter" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Status"
          name="status"
          value={status}
          onChange={setStatus}
          placeholder="Alle statussen"
          options={options(Object.keys(OVERDRACHT_STATUS), OVERDRACHT_STATUS)}
        />
      </form>
      <Loading loading={list.loading && !list.data} error={list.error}>
        {() => (
          <DataTable
            caption="Overdrachten, eerste antwoordtermijn eerst"
            rows={list.data!.items}
            rowKey={(o) => o.id}
            rowClass={(o) => (o.status === 'verlopen' || o.status === 'eerste-contact-gemist' ? 'te-laat' : undefined)}
            empty="Geen overdrachten."
            columns={[
              {
                header: 'Ontvanger',
                rowHeader: true,
                cell: (o) => (
                  <>
                    <Organisatie id={o.to.id} name={o.toName} />
                    <br />
                    <span className="uitleg">{ORGANISATION_TYPE[o.to.organisationType] ?? o.to.organisationType}</span>
                  </>
                ),
              },
              {
                header: 'Status',
                cell: (o) => (
                  <span className={`label ${o.status === 'geplaatst' || o.status === 'geaccepteerd' ? 'label-ok' : 'label-neutraal'}`}>
                    {OVERDRACHT_STATUS[o.status] ?? o.status}
                  </span>
                ),
              },
              { header: 'Estafettestokje door dit aanbod', cell: (o) => BATON_BY_OFFER_STATUS[o.status] ?? '-' },
              { header: 'Antwoordtermijn', cell: (o) => formatDeadline(o.responseDueOn) },
              { header: 'Eerste gesprek', cell: (o) => formatDate(o.firstContactPlannedOn ?? o.firstContactProposedOn) },
              { header: 'Aangeboden op', cell: (o) => formatDateTime(o.createdAt) },
              {
                header: 'Taak',
                cell: (o) => (
                  <Link href={`/rmc/taken/${o.localRef}`}>
                    Open taak
                    <span className="visually-hidden">
                      {' '}
                      van overdracht aan <OrganisatieNaam id={o.to.id} name={o.toName} />
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
