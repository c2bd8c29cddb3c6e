import { useRef, useState } from 'react';
import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { ConfirmPanel } from '../../components/ConfirmPanel.js';
import { DataTable } from '../../components/DataTable.js';
import { Details } from '../../components/Details.js';
import { formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';
import { useCommand } from '../../components/useCommand.js';
import { Link } from '../../router.js';
import type { DeadLetterDetail as Detail } from './labels.js';
import './ops.css';

/** One dead letter: why it failed, where it sat, its headers (pseudonym redacted by the monitor), replay with confirmation, and the audit. */
export function DeadLetterDetail({ params }: { params: Record<string, string> }) {
  const item = useApi(() => api<Detail>('monitor', `/dead-letters/${params.id}`), [params.id]);
  const [confirming, setConfirming] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  // After cancelling, focus goes back to the button that opened the question (it is rendered again by then).
  const cancel = () => {
    setConfirming(false);
    requestAnimationFrame(() => trigger.current?.focus());
  };
  const replay = useCommand();
  return (
    <>
      <PageTitle>Dead letter bekijken</PageTitle>
      <p>
        <Link href="/ops/dead-letters">Terug naar alle dead letters</Link>
      </p>
      {replay.error ? <Alert kind="fout">{replay.error}</Alert> : replay.done ? <Alert kind="succes">{replay.done}</Alert> : null}
      <Loading loading={item.loading && !item.data} error={item.error}>
        {() => {
          const d = item.data!;
          return (
            <>
              <Details
                items={[
                  ['Reden', d.reason],
                  ['Soort event', d.eventType ? <code className="klein">{d.eventType}</code> : '-'],
                  ['Event-id', d.eventId ? <code className="klein">{d.eventId}</code> : '-'],
                  [
                    'Oorspronkelijk topic',
                    `${d.originalTopic}${d.originalPartition === null ? '' : `, partitie ${d.originalPartition}, offset ${d.originalOffset}`}`,
                  ],
                  ['Consumergroep', d.consumerGroup ?? '-'],
                  ['Mislukt op', formatDateTime(d.failedAt)],
                  ['Dead-letter-topic', `${d.deadLetterTopic}, partitie ${d.deadLetterPartition}, offset ${d.deadLetterOffset}`],
                  ['Opnieuw aangeboden', d.replays ? `${d.replays} keer` : 'Nog niet'],
                ]}
              />
              {confirming ? (
                <ConfirmPanel
                  title="Dit bericht opnieuw aanbieden?"
                  confirmLabel={`Ja, opnieuw aanbieden op ${d.originalTopic}`}
                  busy={replay.busy}
                  onCancel={cancel}
                  onConfirm={() =>
                    void replay
                      .run(
                        () => api('monitor', `/dead-letters/${d.id}/replay`, { method: 'POST' }),
                        `Het bericht is opnieuw aangeboden op ${d.originalTopic}. Het staat in het auditlog hieronder.`,
                      )
                      .then(() => {
                        setConfirming(false);
                        item.reload();
                      })
                  }
                >
                  <p>
                    Het bericht gaat ongewijzigd terug naar <strong>{d.originalTopic}</strong>. Elke consumer van dat topic ziet het
                    opnieuw; wie het al had verwerkt, negeert het. Is de oorzaak ({d.reason}) nog niet opgelost, dan komt het hier terug. Uw
                    naam komt in het auditlog.
                  </p>
                </ConfirmPanel>
              ) : (
                <button ref={trigger} type="button" className="primair" onClick={() => setConfirming(true)}>
                  Opnieuw aanbieden
                </button>
              )}
              <h2>Auditlog: opnieuw aangeboden</h2>
              <DataTable
                caption="Wie bood dit bericht opnieuw aan, en wanneer"
                rows={d.replayLog}
                rowKey={(r) => r.replayedAt + r.replayedBy}
                empty="Dit bericht is nog niet opnieuw aangeboden."
                columns={[
                  { header: 'Tijdstip', rowHeader: true, cell: (r) => formatDateTime(r.replayedAt) },
                  { header: 'Door', cell: (r) => r.replayedBy },
                  { header: 'Naar topic', cell: (r) => r.targetTopic },
                ]}
              />
              <h2>Headers</h2>
              <DataTable
                caption="Headers van het bericht (pseudoniemen weggelaten)"
                rows={Object.entries(d.headers).sort(([a], [b]) => a.localeCompare(b))}
                rowKey={([k]) => k}
                empty="Geen headers."
                columns={[
                  { header: 'Naam', rowHeader: true, cell: ([k]) => <code className="klein">{k}</code> },
                  { header: 'Waarde', cell: ([, v]) => <code className="klein">{v}</code> },
                ]}
              />
            </>
          );
        }}
      </Loading>
    </>
  );
}
