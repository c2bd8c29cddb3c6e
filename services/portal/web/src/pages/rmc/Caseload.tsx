import { useRef, useState } from 'react';
import { api } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pagination } from '../../components/Pagination.js';
import { useApi } from '../../components/useApi.js';
import { BulkToewijzing } from './BulkToewijzing.js';
import type { CaseloadCounts, CaseloadRow, Group } from './caseload-labels.js';

const PAGE_SIZE = 25;

/**
 * The coordinator's caseload: open tasks per consulent of the region, the most overdue first (the API's order), and the
 * tasks nobody has. Choosing a consulent (or "niet toegewezen") shows their tasks below, to reassign in bulk.
 */
export function Caseload() {
  const [page, setPage] = useState(1);
  const [group, setGroup] = useState<Group>();
  const [tick, setTick] = useState(0);
  const tasksHeading = useRef<HTMLHeadingElement>(null);
  const caseload = useApi(
    () =>
      api<{ items: CaseloadRow[]; total: number; unassigned: CaseloadCounts }>('rmc', '/caseload', {
        query: { page, pageSize: PAGE_SIZE },
      }),
    [page, tick],
  );
  const show = (g: Group) => {
    setGroup(g);
    // The tasks open below the table: keyboard and screen reader users are taken there.
    setTimeout(() => tasksHeading.current?.focus(), 0);
  };

  return (
    <>
      <PageTitle>Caseload</PageTitle>
      <p>
        Open taken per consulent in uw regio, de consulent met de meeste achterstand eerst. Bekijk de taken van een consulent om ze in één
        keer aan een collega toe te wijzen.
      </p>
      <Loading loading={caseload.loading && !caseload.data} error={caseload.error}>
        {() => {
          const { items, total, unassigned } = caseload.data!;
          return (
            <>
              <DataTable
                caption={`Consulenten (${total}), meeste achterstand eerst`}
                rows={items}
                rowKey={(r) => `${r.region} ${r.consulent}`}
                rowClass={(r) => (r.overdueFirstContacts > 0 ? 'te-laat' : undefined)}
                empty="Er zijn geen consulenten met open taken."
                columns={[
                  { header: 'Consulent', rowHeader: true, cell: (r) => r.consulent },
                  { header: 'Open taken', cell: (r) => r.open },
                  { header: 'Eerste contact te laat', cell: (r) => r.overdueFirstContacts },
                  { header: 'Periodiek contact te laat', cell: (r) => r.periodicContactOverdue },
                  { header: 'Geëscaleerd', cell: (r) => r.escalated },
                  { header: 'Buiten beeld', cell: (r) => r.buitenBeeld },
                  {
                    header: 'Taken',
                    cell: (r) => (
                      <button type="button" onClick={() => show({ assignedTo: r.consulent })}>
                        Taken bekijken<span className="visually-hidden"> van {r.consulent}</span>
                      </button>
                    ),
                  },
                ]}
              />
              <Pagination page={page} pageSize={PAGE_SIZE} total={total} onPage={setPage} />
              <h2>Niet toegewezen</h2>
              <dl className="gegevens">
                <div>
                  <dt>Open taken zonder consulent</dt>
                  <dd>{unassigned.open}</dd>
                </div>
                <div>
                  <dt>Eerste contact te laat</dt>
                  <dd>{unassigned.overdueFirstContacts}</dd>
                </div>
                <div>
                  <dt>Periodiek contact te laat</dt>
                  <dd>{unassigned.periodicContactOverdue}</dd>
                </div>
                <div>
                  <dt>Geëscaleerd</dt>
                  <dd>{unassigned.escalated}</dd>
                </div>
                <div>
                  <dt>Buiten beeld</dt>
                  <dd>{unassigned.buitenBeeld}</dd>
                </div>
              </dl>
              <button type="button" onClick={() => show({ unassigned: true })} disabled={unassigned.open === 0}>
                Niet toegewezen taken bekijken
              </button>
            </>
          );
        }}
      </Loading>
      {group ? (
        <BulkToewijzing
          key={JSON.stringify(group)}
          group={group}
          headingRef={tasksHeading}
          consulenten={caseload.data?.items.map((r) => r.consulent) ?? []}
          onReassigned={() => setTick((t) => t + 1)}
        />
      ) : null}
    </>
  );
}
