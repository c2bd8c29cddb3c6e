import { useState } from 'react';
import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { DataTable } from '../../components/DataTable.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pagination } from '../../components/Pagination.js';
import { useApi } from '../../components/useApi.js';
import { useCommand } from '../../components/useCommand.js';
import { CATEGORIES, ORG_TYPES, orgText, PURPOSES, type Toestemming } from './labels.js';

const PAGE_SIZE = 20;

/** A parent or guardian, logged in as themself: their child's consents that wait for them, each co-signed with one button. */
export function OuderToestemmingen() {
  const [page, setPage] = useState(1);
  const list = useApi(
    () => api<{ items: Toestemming[]; total: number }>('consent', '/guardian/toestemmingen', { query: { page, pageSize: PAGE_SIZE } }),
    [page],
  );
  const sign = useCommand();
  return (
    <>
      <PageTitle>Toestemmingen van mijn kind</PageTitle>
      <p>
        Uw kind is jonger dan 18. Een toestemming die uw kind gaf, telt pas als u die ook ondertekent. Lees wat uw kind toestaat en
        onderteken als u het ermee eens bent.
      </p>
      {sign.error ? <Alert kind="fout">{sign.error}</Alert> : sign.done ? <Alert kind="succes">{sign.done}</Alert> : null}
      <Loading loading={list.loading && !list.data} error={list.error}>
        {() => (
          <>
            <DataTable
              caption="Toestemmingen die op uw handtekening wachten, oudste eerst"
              rows={list.data!.items}
              rowKey={(t) => t.id}
              empty="Er wachten geen toestemmingen op u."
              columns={[
                { header: 'Wat uw kind toestaat', rowHeader: true, cell: (t) => t.wordingText },
                { header: 'Wie deelt', cell: (t) => <Partij party={t.from} /> },
                { header: 'Met wie', cell: (t) => <Partij party={t.to} /> },
                { header: 'Welke gegevens', cell: (t) => t.dataCategories.map((c) => CATEGORIES[c]?.split(' (')[0] ?? c).join(', ') },
                { header: 'Waarvoor', cell: (t) => PURPOSES[t.purpose]?.split(' (')[0] ?? t.purpose },
                { header: 'Gegeven', cell: (t) => `${formatDateTime(t.givenAt)}, geldig vanaf ${formatDate(t.validFrom)}` },
                {
                  header: 'Actie',
                  cell: (t) => (
                    <button
                      type="button"
                      disabled={sign.busy}
                      onClick={() =>
                        void sign
                          .run(
                            () => api('consent', `/guardian/toestemmingen/${t.id}/co-sign`, { method: 'POST' }),
                            `U heeft de toestemming voor ${orgText(t.to)} ondertekend.`,
                          )
                          .then((ok) => ok && list.reload())
                      }
                    >
                      Ondertekenen<span className="visually-hidden"> (toestemming voor {orgText(t.to)})</span>
                    </button>
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

/** One side of a consent: a named organisation (name and code), or every organisation of a kind. */
function Partij({ party }: { party: { organisationType: string; id?: string } }) {
  return party.id ? <Organisatie id={party.id} /> : <>{ORG_TYPES[party.organisationType] ?? party.organisationType}</>;
}
