import { useState } from 'react';
import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { BarChart } from '../../components/BarChart.js';
import { DataTable } from '../../components/DataTable.js';
import { options, SelectField } from '../../components/Fields.js';
import { formatDate } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pagination } from '../../components/Pagination.js';
import { useApi } from '../../components/useApi.js';
import { NAZORG_STATUS, NAZORG_UITLEG, OVERDRACHT_STATUS, REDEN, type UitgaandeOverdracht, type Uitschrijving } from './labels.js';
import './school.css';

const PAGE_SIZE = 25;
const STATUSES = Object.keys(NAZORG_STATUS);

/**
 * Nazorg: what happened to each former student after leaving, as far as the chain told the school (RMC
 * melding, warm handover, placement), in plain words; for pro/vso also the school's own handovers to the
 * municipality and their answer. Counts are of the school's own students, so nothing is suppressed here.
 */
export function Nazorg() {
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const counts = useApi(
    () =>
      Promise.all(
        STATUSES.map((s) =>
          api<{ total: number }>('school', '/uitschrijvingen', { query: { nazorgStatus: s, pageSize: 1 } }).then((r) => r.total),
        ),
      ),
    [],
  );
  const list = useApi(
    () =>
      api<{ items: Uitschrijving[]; total: number }>('school', '/uitschrijvingen', {
        query: { nazorgStatus: status, page, pageSize: PAGE_SIZE },
      }),
    [status, page],
  );
  // Only pro/vso schools offer handovers themselves; for others this list is empty. The service answers at most 500, oldest first.
  const overdrachten = useApi(() => api<{ items: UitgaandeOverdracht[] }>('school', '/overdrachten-uit'), []);
  const handoverOf = (id: string) => overdrachten.data?.items.filter((o) => o.localRef === id).at(-1);

  return (
    <>
      <PageTitle>Nazorg: hoe gaat het met oud-leerlingen</PageTitle>
      <p>
        Wat er gebeurde met leerlingen nadat zij uw school verlieten, voor zover de keten het aan uw school terugmeldt. U ziet geen gegevens
        van andere organisaties, alleen de stap waar de jongere nu is.
      </p>
      <h2>Overzicht</h2>
      <Loading loading={counts.loading} error={counts.error}>
        {() => {
          const total = counts.data!.reduce((a, b) => a + b, 0);
          return (
            <>
              <BarChart
                title="Oud-leerlingen per stap na uitschrijving"
                summary={STATUSES.map((s, i) => `${NAZORG_STATUS[s]}: ${counts.data![i]}`).join('; ')}
                series={['Aantal oud-leerlingen']}
                groups={STATUSES.map((s, i) => ({ label: NAZORG_STATUS[s]!.split(' (')[0]!, values: [counts.data![i]!] }))}
              />
              <DataTable
                caption={`Oud-leerlingen per stap (${total} in totaal)`}
                rows={STATUSES.map((s, i) => ({ s, n: counts.data![i]! }))}
                rowKey={(r) => r.s}
                empty="Nog geen uitschrijvingen."
                columns={[
                  { header: 'Stap', rowHeader: true, cell: (r) => NAZORG_STATUS[r.s] },
                  { header: 'Wat dit betekent', cell: (r) => NAZORG_UITLEG[r.s] },
                  { header: 'Aantal', cell: (r) => r.n },
                ]}
              />
            </>
          );
        }}
      </Loading>

      <h2>Per oud-leerling</h2>
      <form className="filters" aria-label="Filter op stap" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Toon oud-leerlingen met stap"
          name="nazorgStatus"
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          placeholder="Alle stappen"
          options={options(STATUSES, NAZORG_STATUS)}
        />
      </form>
      {overdrachten.error ? (
        <Alert kind="fout">De overdrachten van uw school konden niet worden geladen: {overdrachten.error.message}</Alert>
      ) : null}
      <Loading loading={list.loading && !list.data} error={list.error}>
        {() => (
          <>
            <DataTable
              caption={`Oud-leerlingen (${list.data!.total}), laatst uitgeschreven eerst`}
              rows={list.data!.items}
              rowKey={(u) => u.id}
              empty="Geen oud-leerlingen met deze stap."
              columns={[
                { header: 'Leerlingnummer', rowHeader: true, cell: (u) => u.studentNumber },
                { header: 'Referentie', cell: (u) => u.schoolReference },
                { header: 'Uitgeschreven op', cell: (u) => formatDate(u.deregistrationDate) },
                { header: 'Reden', cell: (u) => REDEN[u.reason] ?? u.reason },
                {
                  header: 'Wat gebeurde er daarna',
                  cell: (u) => (
                    <>
                      <strong>{NAZORG_STATUS[u.nazorgStatus] ?? u.nazorgStatus}</strong>
                      <br />
                      <span className="uitleg">{NAZORG_UITLEG[u.nazorgStatus]}</span>
                    </>
                  ),
                },
                {
                  header: 'Overdracht door school',
                  cell: (u) => {
                    const o = handoverOf(u.id);
                    if (!o) return '-';
                    return (
                      <>
                        {`${OVERDRACHT_STATUS[o.status] ?? o.status}${o.firstContactPlannedOn ? `, eerste contact ${formatDate(o.firstContactPlannedOn)}` : ''}`}
                        <br />
                        <span className="uitleg">
                          aan <Organisatie id={o.to.id} name={o.toName} />
                        </span>
                      </>
                    );
                  },
                },
              ]}
            />
            <Pagination page={page} pageSize={PAGE_SIZE} total={list.data!.total} onPage={setPage} />
          </>
        )}
      </Loading>
    </>
  );
}
