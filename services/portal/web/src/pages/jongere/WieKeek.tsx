import { useState } from 'react';
import { api } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pagination } from '../../components/Pagination.js';
import { useApi } from '../../components/useApi.js';

interface Entry {
  at: string;
  requester: string;
  holder: string;
  permitted: boolean;
  text: string;
}

const PAGE_SIZE = 20;

/** Who asked to see what about me, when, and whether it was allowed: the consent service writes it in plain Dutch. */
export function WieKeek() {
  const [page, setPage] = useState(1);
  const log = useApi(
    () => api<{ items: Entry[]; total: number }>('consent', '/me/access-log', { query: { page, pageSize: PAGE_SIZE } }),
    [page],
  );
  return (
    <>
      <PageTitle>Wie heeft mijn gegevens bekeken?</PageTitle>
      <p>Elke keer dat een organisatie je gegevens wil inzien, wordt dat hier vastgelegd: ook als het niet mocht.</p>
      <Loading loading={log.loading && !log.data} error={log.error}>
        {() => (
          <>
            <DataTable
              caption="Inzageverzoeken, nieuwste eerst"
              rows={log.data!.items}
              rowKey={(e) => `${e.at}-${e.requester}`}
              empty="Nog niemand heeft gevraagd om je gegevens in te zien."
              columns={[
                { header: 'Wanneer', rowHeader: true, cell: (e) => formatDateTime(e.at) },
                { header: 'Wie vroeg', cell: (e) => <Organisatie id={e.requester} /> },
                { header: 'Bij wie', cell: (e) => <Organisatie id={e.holder} /> },
                { header: 'Wat er gebeurde', cell: (e) => e.text },
                {
                  header: 'Toegestaan?',
                  cell: (e) =>
                    e.permitted ? <span className="label label-ok">Ja</span> : <span className="label label-te-laat">Nee</span>,
                },
              ]}
            />
            <Pagination page={page} pageSize={PAGE_SIZE} total={log.data!.total} onPage={setPage} />
          </>
        )}
      </Loading>
    </>
  );
}
