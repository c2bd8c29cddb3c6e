import { useState } from 'react';
import { api } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';
import { kind, windowQuery, type FlowFigure, type GroupLag } from './labels.js';
import { NO_PERIOD, PeriodFilter } from './PeriodFilter.js';
import './ops.css';

const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(0)} s` : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v} ms`);

/** Do events flow, and where do they pile up: events per type and route with latency, and consumer lag from the broker. */
export function Stromen() {
  const [applied, setApplied] = useState(NO_PERIOD);
  const flows = useApi(
    () => api<{ from: string; to: string; items: FlowFigure[] }>('monitor', '/flows', { query: windowQuery(applied) }),
    [applied],
  );
  const lag = useApi(() => api<{ items: GroupLag[] }>('monitor', '/consumer-lag'), []);
  return (
    <>
      <PageTitle>Eventstromen en achterstand</PageTitle>
      <PeriodFilter onApply={setApplied} />
      <h2>Events per soort en route</h2>
      <Loading loading={flows.loading && !flows.data} error={flows.error}>
        {() => (
          <DataTable
            caption={`Events van ${formatDateTime(flows.data!.from)} tot ${formatDateTime(flows.data!.to)}: ${flows.data!.items.reduce((n, f) => n + f.count, 0)} in totaal`}
            rows={flows.data!.items}
            rowKey={(f) => `${f.type}|${f.from}|${f.to}`}
            empty="Geen events in deze periode."
            columns={[
              { header: 'Soort event', rowHeader: true, cell: (f) => <code className="klein">{f.type}</code> },
              { header: 'Van', cell: (f) => kind(f.from) },
              { header: 'Naar', cell: (f) => kind(f.to) },
              { header: 'Aantal', cell: (f) => f.count },
              { header: 'Doorlooptijd mediaan', cell: (f) => ms(f.latencyMs.p50) },
              { header: 'Doorlooptijd 95%', cell: (f) => ms(f.latencyMs.p95) },
              { header: 'Doorlooptijd max', cell: (f) => ms(f.latencyMs.max) },
            ]}
          />
        )}
      </Loading>
      <h2>Achterstand per consumer</h2>
      <p>
        Berichten op een topic die een consumergroep nog niet heeft verwerkt, gelezen bij de broker zelf: een gestopte consumer valt zo ook
        op.
      </p>
      <button type="button" onClick={lag.reload} disabled={lag.loading}>
        Achterstand opnieuw meten
      </button>
      <Loading loading={lag.loading && !lag.data} error={lag.error}>
        {() => (
          <DataTable
            caption="Achterstand per consumergroep en topic, grootste eerst"
            rows={[...lag.data!.items].sort((a, b) => b.lag - a.lag || a.group.localeCompare(b.group))}
            rowKey={(l) => `${l.group}|${l.topic}`}
            rowClass={(l) => (l.lag > 0 ? 'vertraagd' : undefined)}
            empty="Geen consumergroepen gevonden."
            columns={[
              { header: 'Consumergroep', rowHeader: true, cell: (l) => l.group },
              { header: 'Topic', cell: (l) => l.topic },
              {
                header: 'Achterstand',
                cell: (l) =>
                  l.lag > 0 ? (
                    <>
                      <strong>{l.lag}</strong> <span className="label label-neutraal">achterstand</span>
                    </>
                  ) : (
                    '0'
                  ),
              },
              {
                header: 'Partities (verwerkt / eind)',
                cell: (l) =>
                  [...l.partitions]
                    .sort((a, b) => a.partition - b.partition)
                    .map((p) => `${p.partition}: ${Math.max(0, p.committed)}/${p.end}`)
                    .join(', '),
              },
            ]}
          />
        )}
      </Loading>
    </>
  );
}
