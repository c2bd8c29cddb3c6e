import { useState } from 'react';
import { api } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { DateField, options, SelectField, TextField } from '../../components/Fields.js';
import { FilterForm } from '../../components/FilterForm.js';
import { formatDate } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pagination } from '../../components/Pagination.js';
import { useApi } from '../../components/useApi.js';
import { Link } from '../../router.js';
import { NAZORG_STATUS, REDEN, type Uitschrijving } from './labels.js';

const PAGE_SIZE = 25;
const EMPTY = { zoek: '', nazorgStatus: '', reason: '', from: '', to: '' };

/** The school's own deregistrations, newest first, with filters the school service applies (so paging stays right). */
export function Uitschrijvingen() {
  const [filters, setFilters] = useState(EMPTY);
  const [applied, setApplied] = useState(EMPTY);
  const [page, setPage] = useState(1);
  const list = useApi(
    () =>
      api<{ items: Uitschrijving[]; total: number }>('school', '/uitschrijvingen', { query: { ...applied, page, pageSize: PAGE_SIZE } }),
    [applied, page],
  );
  const set = (k: keyof typeof EMPTY) => (v: string) => setFilters({ ...filters, [k]: v });
  return (
    <>
      <PageTitle>Uitschrijvingen</PageTitle>
      <p>
        Alle uitschrijvingen die uw school heeft doorgegeven, nieuwste eerst. Klopt er iets niet? Open de uitschrijving om die te corrigeren
        of in te trekken. Veel tegelijk doorgeven? Gebruik <Link href="/school/upload">CSV uploaden</Link>.
      </p>
      <FilterForm
        label="Filters"
        onApply={() => {
          setPage(1);
          setApplied(filters);
        }}
      >
        <TextField
          label="Referentie of leerlingnummer"
          name="zoek"
          hint="Het begin is genoeg"
          value={filters.zoek}
          onChange={set('zoek')}
        />
        <SelectField
          label="Wat gebeurde er daarna"
          name="nazorgStatus"
          value={filters.nazorgStatus}
          onChange={set('nazorgStatus')}
          placeholder="Alles"
          options={options(Object.keys(NAZORG_STATUS), NAZORG_STATUS)}
        />
        <SelectField
          label="Reden van uitschrijving"
          name="reason"
          value={filters.reason}
          onChange={set('reason')}
          placeholder="Alle redenen"
          options={options(Object.keys(REDEN), REDEN)}
        />
        <DateField label="Uitgeschreven vanaf" name="from" value={filters.from} onChange={set('from')} />
        <DateField label="Uitgeschreven tot en met" name="to" value={filters.to} onChange={set('to')} />
        <button type="submit">Filter toepassen</button>
        <button
          type="button"
          onClick={() => {
            setFilters(EMPTY);
            setApplied(EMPTY);
            setPage(1);
          }}
        >
          Filters wissen
        </button>
      </FilterForm>
      <Loading loading={list.loading && !list.data} error={list.error}>
        {() => (
          <>
            <DataTable
              caption={`Uitschrijvingen (${list.data!.total}), nieuwste eerst`}
              rows={list.data!.items}
              rowKey={(u) => u.id}
              empty="Geen uitschrijvingen gevonden met deze filters."
              columns={[
                {
                  header: 'Referentie',
                  rowHeader: true,
                  cell: (u) => <Link href={`/school/uitschrijvingen/${u.id}`}>{u.schoolReference}</Link>,
                },
                { header: 'Leerlingnummer', cell: (u) => u.studentNumber },
                { header: 'Uitgeschreven op', cell: (u) => formatDate(u.deregistrationDate) },
                { header: 'Onderwijs', cell: (u) => [u.schoolType.toUpperCase(), u.schoolLevel].filter(Boolean).join(', ') },
                { header: 'Hoogste diploma', cell: (u) => u.highestDiploma },
                { header: 'Startkwalificatie', cell: (u) => (u.hasStartkwalificatie ? 'Ja' : 'Nee') },
                { header: 'Reden', cell: (u) => REDEN[u.reason] ?? u.reason },
                { header: 'Daarna', cell: (u) => NAZORG_STATUS[u.nazorgStatus] ?? u.nazorgStatus },
              ]}
            />
            <Pagination page={page} pageSize={PAGE_SIZE} total={list.data!.total} onPage={setPage} />
          </>
        )}
      </Loading>
    </>
  );
}
