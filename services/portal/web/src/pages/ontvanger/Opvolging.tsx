import { api } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { formatDate } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';
import { Link } from '../../router.js';
import { CHECK_TYPES, myService } from './labels.js';

/** Follow-up checks that are due now (their timer fired, no outcome yet). */
export function Opvolging() {
  const service = myService();
  const list = useApi(
    () => api<{ items: { plaatsingId: string; checkType: string; dueDate: string }[] }>(service, '/plaatsingen/follow-up-checks'),
    [],
  );
  return (
    <>
      <PageTitle>Nazorgcontroles</PageTitle>
      <Loading loading={list.loading && !list.data} error={list.error}>
        {() => (
          <DataTable
            caption="Controles die nu moeten gebeuren"
            rows={list.data!.items}
            rowKey={(c) => `${c.plaatsingId}-${c.checkType}`}
            empty="Er staan geen controles open."
            columns={[
              { header: 'Datum', rowHeader: true, cell: (c) => formatDate(c.dueDate) },
              { header: 'Controle', cell: (c) => CHECK_TYPES[c.checkType] ?? c.checkType },
              {
                header: 'Plaatsing',
                cell: (c) => (
                  <Link href={`/plaatsingen/${c.plaatsingId}`}>
                    Open plaatsing<span className="visually-hidden"> ({CHECK_TYPES[c.checkType]})</span>
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
