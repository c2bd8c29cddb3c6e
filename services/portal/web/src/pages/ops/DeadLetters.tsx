import { useRef, useState } from 'react';
import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { ConfirmPanel } from '../../components/ConfirmPanel.js';
import { DataTable } from '../../components/DataTable.js';
import { SelectField } from '../../components/Fields.js';
import { FilterForm } from '../../components/FilterForm.js';
import { formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pagination } from '../../components/Pagination.js';
import { useApi } from '../../components/useApi.js';
import { useCommand } from '../../components/useCommand.js';
import { Link } from '../../router.js';
import type { DeadLetterSummary, GroupLag } from './labels.js';
import './ops.css';

const PAGE_SIZE = 25;

/** Events a consumer could not process: where, when and why (never whom), with inspect and replay. */
export function DeadLetters() {
  const [topic, setTopic] = useState('');
  const [applied, setApplied] = useState('');
  const [page, setPage] = useState(1);
  const [confirming, setConfirming] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  // After cancelling, focus goes back to the button that opened the question (it is rendered again by then).
  const cancel = () => {
    setConfirming(false);
    requestAnimationFrame(() => trigger.current?.focus());
  };
  const replayAll = useCommand();
  const list = useApi(
    () =>
      api<{ items: DeadLetterSummary[]; total: number }>('monitor', '/dead-letters', {
        query: { topic: applied, page, pageSize: PAGE_SIZE },
      }),
    [applied, page],
  );
  // The topics the platform's consumers read (from the lag figures): the monitor accepts only those.
  const lag = useApi(() => api<{ items: GroupLag[] }>('monitor', '/consumer-lag'), []);
  const topics = [...new Set((lag.data?.items ?? []).map((l) => l.topic).filter((t) => !t.endsWith('.dlq')))].sort();
  const open = list.data?.items.filter((d) => d.replays === 0).length ?? 0;
  return (
    <>
      <PageTitle>Dead letters</PageTitle>
      <p>
        Berichten die een dienst na herhaalde pogingen niet kon verwerken. Open een bericht om de reden te lezen en het opnieuw aan te
        bieden nadat de oorzaak is opgelost. Opnieuw aanbieden is veilig: diensten die het bericht al hadden verwerkt, negeren het.
      </p>
      <FilterForm
        label="Filter op topic"
        onApply={() => {
          setPage(1);
          setApplied(topic.trim());
        }}
      >
        <SelectField
          label="Oorspronkelijk topic"
          name="topic"
          value={topic}
          onChange={setTopic}
          placeholder="Alle topics"
          options={topics.map((t) => ({ value: t, label: t }))}
        />
        <button type="submit">Filter toepassen</button>
      </FilterForm>
      {replayAll.error ? (
        <Alert kind="fout">{replayAll.error}</Alert>
      ) : replayAll.done ? (
        <Alert kind="succes">{replayAll.done}</Alert>
      ) : null}
      {confirming ? (
        <ConfirmPanel
          title="Alle nog niet aangeboden dead letters opnieuw aanbieden?"
          confirmLabel="Ja, alles opnieuw aanbieden"
          busy={replayAll.busy}
          onCancel={cancel}
          onConfirm={() =>
            void replayAll
              .run(
                () => api('monitor', '/dead-letters/replay-all', { method: 'POST', query: { topic: applied } }),
                'De dead letters zijn opnieuw aangeboden; elke keer staat in het auditlog van het bericht.',
              )
              .then(() => {
                setConfirming(false);
                list.reload();
              })
          }
        >
          <p>
            Elk bericht {applied ? `van topic ${applied} ` : ''}dat nog niet opnieuw is aangeboden, gaat terug naar zijn oorspronkelijke
            topic. Doe dit pas als de oorzaak is opgelost; anders komen ze hier terug. Uw naam komt in het auditlog.
          </p>
        </ConfirmPanel>
      ) : (
        <button ref={trigger} type="button" onClick={() => setConfirming(true)} disabled={!list.data?.total}>
          Alle nog niet aangeboden opnieuw aanbieden
        </button>
      )}
      <Loading loading={list.loading && !list.data} error={list.error}>
        {() => (
          <>
            <DataTable
              caption={`Dead letters (${list.data!.total}), nieuwste eerst${open ? `; ${open} op deze pagina nog niet opnieuw aangeboden` : ''}`}
              rows={list.data!.items}
              rowKey={(d) => d.id}
              empty="Geen dead letters. Alles wordt verwerkt."
              columns={[
                { header: 'Ontvangen', rowHeader: true, cell: (d) => formatDateTime(d.receivedAt) },
                { header: 'Topic', cell: (d) => d.originalTopic },
                { header: 'Consumergroep', cell: (d) => d.consumerGroup ?? '-' },
                { header: 'Soort event', cell: (d) => (d.eventType ? <code className="klein">{d.eventType}</code> : '-') },
                { header: 'Reden', cell: (d) => d.reason },
                {
                  header: 'Opnieuw aangeboden',
                  cell: (d) => (d.replays ? `${d.replays} keer, laatst ${formatDateTime(d.lastReplayedAt)}` : 'Nog niet'),
                },
                {
                  header: 'Bericht',
                  cell: (d) => (
                    <Link href={`/ops/dead-letters/${d.id}`}>
                      Bekijken
                      <span className="visually-hidden">
                        {' '}
                        (dead letter van {formatDateTime(d.receivedAt)}, {d.originalTopic})
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
