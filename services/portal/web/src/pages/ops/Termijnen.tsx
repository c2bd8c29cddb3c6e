import { useState } from 'react';
import { api } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';
import { kind, windowQuery, type DeadlineFigures } from './labels.js';
import { NO_PERIOD, PeriodFilter } from './PeriodFilter.js';
import './ops.css';

interface WithoutHolder {
  items: { pseudonymousReference: string; holderType: string | null; holderId: string | null }[];
  total: number;
}

/**
 * Deadlines that slip and the baton invariant ("every young person has exactly one holder"). The
 * invariant comes first and in red when it is broken: the RMC's list of young people without a holder
 * (GET /baton/without-holder) and the monitor's count from the bus must both be empty.
 */
export function Termijnen() {
  const [applied, setApplied] = useState(NO_PERIOD);
  const figures = useApi(() => api<DeadlineFigures>('monitor', '/deadlines', { query: windowQuery(applied) }), [applied]);
  const baton = useApi(() => api<WithoutHolder>('rmc', '/baton/without-holder'), []);
  return (
    <>
      <PageTitle>Termijnen en estafettestokje</PageTitle>
      <Loading loading={baton.loading && !baton.data} error={baton.error}>
        {() => <Invariant rmc={baton.data!} monitor={figures.data?.baton.withoutHolder} />}
      </Loading>

      <PeriodFilter onApply={setApplied} />
      <Loading loading={figures.loading && !figures.data} error={figures.error}>
        {() => {
          const f = figures.data!;
          const past = f.openOffers.reduce((n, o) => n + o.pastDeadline, 0);
          return (
            <>
              <h2>Termijnoverschrijdingen</h2>
              <ul className="kerncijfers">
                <li className={past ? 'alarm' : undefined}>
                  <span className="getal">{past}</span> open aanbiedingen over de antwoordtermijn
                </li>
                <li className={f.missedFirstContacts.vsvMeldingOverdue ? 'alarm' : undefined}>
                  <span className="getal">{f.missedFirstContacts.vsvMeldingOverdue}</span> vsv-meldingen zonder eerste contact op tijd
                </li>
                <li className={f.missedFirstContacts.overdrachtMissed ? 'alarm' : undefined}>
                  <span className="getal">{f.missedFirstContacts.overdrachtMissed}</span> overdrachten met eerste contact gemist
                </li>
                <li>
                  <span className="getal">{f.buitenBeeld}</span> jongeren buiten beeld geraakt
                </li>
              </ul>
              <p>
                Periode voor gemiste contacten en buiten beeld: {formatDateTime(f.from)} tot {formatDateTime(f.to)}. Open aanbiedingen
                gelden voor nu.
              </p>
              <DataTable
                caption="Open aanbiedingen per ontvanger, naar antwoordtermijn"
                rows={f.openOffers}
                rowKey={(o) => o.receiver}
                rowClass={(o) => (o.pastDeadline ? 'te-laat' : undefined)}
                empty="Geen open aanbiedingen."
                columns={[
                  { header: 'Ontvanger', rowHeader: true, cell: (o) => kind(o.receiver) },
                  {
                    header: 'Termijn verstreken',
                    cell: (o) =>
                      o.pastDeadline ? (
                        <>
                          <strong>{o.pastDeadline}</strong> <span className="label label-te-laat">te laat</span>
                        </>
                      ) : (
                        0
                      ),
                  },
                  { header: 'Verloopt binnen 24 uur', cell: (o) => o.dueWithin24h },
                  { header: 'Later', cell: (o) => o.later },
                ]}
              />
              <h2>Wie heeft het estafettestokje</h2>
              <p>
                Volgens de events op de bus: {f.baton.tracked} jongeren gevolgd, {f.baton.withConflicts} met tegenstrijdige events
                (nakijken).
              </p>
              <DataTable
                caption="Houders van het estafettestokje per soort organisatie"
                rows={Object.entries(f.baton.holdersByType).sort(([a], [b]) => a.localeCompare(b))}
                rowKey={([k]) => k}
                empty="Nog geen jongeren gevolgd."
                columns={[
                  { header: 'Soort organisatie', rowHeader: true, cell: ([k]) => kind(k) },
                  { header: 'Aantal jongeren', cell: ([, n]) => n },
                ]}
              />
            </>
          );
        }}
      </Loading>
    </>
  );
}

/** Must be empty; when not, it is the first thing on the page, with what to do. */
function Invariant({ rmc, monitor }: { rmc: WithoutHolder; monitor: number | undefined }) {
  const broken = rmc.total > 0 || (monitor ?? 0) > 0;
  const count = Math.max(rmc.total, monitor ?? 0);
  if (!broken)
    return (
      <section className="estafette-ok" aria-labelledby="stokje-kop">
        <h2 id="stokje-kop">Estafettestokje: in orde</h2>
        <p>
          Elke jongere heeft precies één houder. Het RMC vindt niemand zonder houder
          {monitor === undefined ? '' : ', en de monitor telt er 0 op de bus'}.
        </p>
      </section>
    );
  return (
    <section className="estafette-alarm" aria-labelledby="stokje-kop" role="alert">
      <h2 id="stokje-kop">
        Let op: {count} {count === 1 ? 'jongere' : 'jongeren'} zonder houder van het estafettestokje
      </h2>
      <p>
        Voor deze jongeren is niemand verantwoordelijk: dat mag nooit. Het RMC telt er {rmc.total}
        {monitor === undefined ? '' : `, de monitor telt er ${monitor} op de bus`}. Zoek per jongere in het RMC uit wie het stokje had en
        wijs een houder toe.
      </p>
      <DataTable
        caption="Jongeren zonder houder (pseudoniem, laatst bekende houder)"
        rows={rmc.items}
        rowKey={(r) => r.pseudonymousReference}
        empty="Het RMC vindt niemand zonder houder; alleen de monitor telt er een of meer (de events zijn mogelijk nog onderweg)."
        columns={[
          { header: 'Pseudoniem', rowHeader: true, cell: (r) => <code className="klein">{r.pseudonymousReference}</code> },
          {
            header: 'Laatst bekende houder',
            cell: (r) =>
              r.holderType ? (
                <>
                  {kind(r.holderType)}
                  {r.holderId ? (
                    <>
                      : <Organisatie id={r.holderId} />
                    </>
                  ) : null}
                </>
              ) : (
                'niemand'
              ),
          },
        ]}
      />
    </section>
  );
}
