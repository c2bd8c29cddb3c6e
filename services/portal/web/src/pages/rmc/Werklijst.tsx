import { useState } from 'react';
import { api } from '../../api.js';
import { CheckboxField, options, SelectField } from '../../components/Fields.js';
import { DataTable } from '../../components/DataTable.js';
import { FilterForm } from '../../components/FilterForm.js';
import { formatDate } from '../../components/format.js';
import { Gemeente, GemeenteNaam } from '../../components/Gemeente.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pagination } from '../../components/Pagination.js';
import { useApi } from '../../components/useApi.js';
import { Link } from '../../router.js';
import { TAAK_STATUS, type Taak } from './labels.js';

const PAGE_SIZE = 25;

/**
 * The region's worklist in the API's order: tasks whose next step came (terug bovenaan) first, then the soonest
 * first-contact due date; overdue, periodic contact too late and back on top marked in text and colour.
 */
export function Werklijst() {
  const [filters, setFilters] = useState({
    status: '',
    overdue: false,
    mine: false,
    buitenBeeld: false,
    terugBovenaan: false,
    periodicContactOverdue: false,
  });
  const [applied, setApplied] = useState(filters);
  const [page, setPage] = useState(1);
  const list = useApi(
    () =>
      api<{ items: Taak[]; total: number }>('rmc', '/taken', {
        query: { ...applied, buitenBeeld: applied.buitenBeeld || undefined, page, pageSize: PAGE_SIZE },
      }),
    [applied, page],
  );
  return (
    <>
      <PageTitle>Werklijst</PageTitle>
      <FilterForm
        label="Filters"
        onApply={() => {
          setPage(1);
          setApplied(filters);
        }}
      >
        <SelectField
          label="Status"
          name="status"
          value={filters.status}
          onChange={(status) => setFilters({ ...filters, status })}
          placeholder="Alle statussen"
          options={options(Object.keys(TAAK_STATUS), TAAK_STATUS)}
        />
        <CheckboxField
          label="Alleen te laat"
          name="overdue"
          checked={filters.overdue}
          onChange={(overdue) => setFilters({ ...filters, overdue })}
        />
        <CheckboxField label="Alleen mijn taken" name="mine" checked={filters.mine} onChange={(mine) => setFilters({ ...filters, mine })} />
        <CheckboxField
          label="Buiten beeld"
          name="buitenBeeld"
          checked={filters.buitenBeeld}
          onChange={(buitenBeeld) => setFilters({ ...filters, buitenBeeld })}
        />
        <CheckboxField
          label="Terug bovenaan (volgende stap)"
          name="terugBovenaan"
          checked={filters.terugBovenaan}
          onChange={(terugBovenaan) => setFilters({ ...filters, terugBovenaan })}
        />
        <CheckboxField
          label="Periodiek contact te laat"
          name="periodicContactOverdue"
          checked={filters.periodicContactOverdue}
          onChange={(periodicContactOverdue) => setFilters({ ...filters, periodicContactOverdue })}
        />
        <button type="submit">Filter toepassen</button>
      </FilterForm>
      <Loading loading={list.loading && !list.data} error={list.error}>
        {() => (
          <>
            <DataTable
              caption={`Taken (${list.data!.total}), terug bovenaan eerst, dan vroegste vervaldatum`}
              rows={list.data!.items}
              rowKey={(t) => t.id}
              rowClass={(t) => (t.overdue ? 'te-laat' : undefined)}
              empty="Geen taken gevonden met deze filters."
              columns={[
                {
                  header: 'Eerste contact uiterlijk',
                  rowHeader: true,
                  cell: (t) => (
                    <>
                      {formatDate(t.firstContactDueDate)} {t.overdue ? <span className="label label-te-laat">te laat</span> : null}
                    </>
                  ),
                },
                {
                  header: 'Status',
                  cell: (t) => (
                    <>
                      {TAAK_STATUS[t.status] ?? t.status}
                      {t.buitenBeeld ? (
                        <>
                          {' '}
                          <span className="label label-neutraal">buiten beeld</span>
                        </>
                      ) : null}
                      {t.terugBovenaan ? (
                        <>
                          {' '}
                          <span className="label label-te-laat">terug bovenaan</span>
                        </>
                      ) : null}
                      {t.periodiekContactTeLaat ? (
                        <>
                          {' '}
                          <span className="label label-te-laat">periodiek contact te laat</span>
                        </>
                      ) : null}
                      {t.wiOverdrachtVoorbereiden ? (
                        <>
                          {' '}
                          <span className="label label-neutraal">bijna 23: overdracht W&I voorbereiden</span>
                        </>
                      ) : null}
                    </>
                  ),
                },
                { header: 'Gemeld op', cell: (t) => formatDate(t.registrationDate) },
                { header: 'School', cell: (t) => <Organisatie id={t.school} name={t.schoolName} /> },
                { header: 'Gemeente', cell: (t) => <Gemeente code={t.municipality} name={t.municipalityName} /> },
                { header: 'Leeftijd', cell: (t) => t.ageAtRegistration },
                { header: 'Toegewezen aan', cell: (t) => t.assignedTo ?? '-' },
                {
                  header: 'Taak',
                  cell: (t) => (
                    <Link href={`/rmc/taken/${t.id}`}>
                      Open taak
                      <span className="visually-hidden">
                        {' '}
                        van {formatDate(t.registrationDate)}, <GemeenteNaam code={t.municipality} name={t.municipalityName} />
                      </span>
                    </Link>
                  ),
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
