import { useState } from 'react';
import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { ConfirmPanel } from '../../components/ConfirmPanel.js';
import { DataTable } from '../../components/DataTable.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pagination } from '../../components/Pagination.js';
import { useApi } from '../../components/useApi.js';
import { useCommand } from '../../components/useCommand.js';
import { CATEGORIES, PURPOSES, type Toestemming } from './labels.js';
import { Partij, usePartijNaam } from './Partij.js';

const PAGE_SIZE = 20;

/**
 * A parent or guardian, logged in as themself: their child's consents that wait for them, each co-signed with one
 * button or declined after an in-page confirmation (a declined consent never counts; the child can give a new one).
 */
export function OuderToestemmingen() {
  const [page, setPage] = useState(1);
  const [declining, setDeclining] = useState<{ toestemming: Toestemming; name: string }>();
  const list = useApi(
    () => api<{ items: Toestemming[]; total: number }>('consent', '/guardian/toestemmingen', { query: { page, pageSize: PAGE_SIZE } }),
    [page],
  );
  const answer = useCommand();
  const sign = (t: Toestemming, name: string) =>
    void answer
      .run(
        () => api('consent', `/guardian/toestemmingen/${t.id}/co-sign`, { method: 'POST' }),
        `U heeft de toestemming voor ${name} ondertekend.`,
      )
      .then((ok) => ok && list.reload());
  const decline = (t: Toestemming, name: string) =>
    void answer
      .run(
        () => api('consent', `/guardian/toestemmingen/${t.id}/weigering`, { method: 'POST' }),
        `U heeft de toestemming voor ${name} geweigerd. Deze toestemming telt niet.`,
      )
      .then((ok) => {
        setDeclining(undefined);
        if (ok) list.reload();
      });
  return (
    <>
      <PageTitle>Toestemmingen van mijn kind</PageTitle>
      <p>
        Uw kind is jonger dan 18. Een toestemming die uw kind gaf, telt pas als u die ook ondertekent. Lees wat uw kind toestaat. Bent u het
        ermee eens, onderteken dan. Bent u het er niet mee eens, weiger dan: de toestemming telt dan niet.
      </p>
      {answer.error ? <Alert kind="fout">{answer.error}</Alert> : answer.done ? <Alert kind="succes">{answer.done}</Alert> : null}
      {declining ? (
        <ConfirmPanel
          title={`Toestemming voor ${declining.name} weigeren?`}
          confirmLabel="Ja, weigeren"
          busy={answer.busy}
          onCancel={() => setDeclining(undefined)}
          onConfirm={() => decline(declining.toestemming, declining.name)}
        >
          <p>
            {declining.name} krijgt deze gegevens dan niet. Dit kunt u niet ongedaan maken; uw kind kan later wel opnieuw toestemming geven.
          </p>
        </ConfirmPanel>
      ) : null}
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
                    <Acties
                      toestemming={t}
                      busy={answer.busy || declining !== undefined}
                      onSign={sign}
                      onDecline={(toestemming, name) => setDeclining({ toestemming, name })}
                    />
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

type Answer = (t: Toestemming, name: string) => void;

/** Sign or decline one consent; both buttons name the receiving organisation for a screen reader. */
function Acties({ toestemming, busy, onSign, onDecline }: { toestemming: Toestemming; busy: boolean; onSign: Answer; onDecline: Answer }) {
  const name = usePartijNaam(toestemming.to);
  return (
    <div className="acties">
      <button type="button" className="primair" disabled={busy} onClick={() => onSign(toestemming, name)}>
        Ondertekenen<span className="visually-hidden"> (toestemming voor {name})</span>
      </button>
      <button type="button" disabled={busy} onClick={() => onDecline(toestemming, name)}>
        Weigeren<span className="visually-hidden"> (toestemming voor {name})</span>
      </button>
    </div>
  );
}
