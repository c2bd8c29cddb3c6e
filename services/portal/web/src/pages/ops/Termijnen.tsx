import { useState } from 'react';
import { api } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { REGIE_END_REASON } from '../../components/regie.js';
import { useApi } from '../../components/useApi.js';
import { kind, windowQuery, type BatonFigures, type DeadlineFigures } from './labels.js';
import { NO_PERIOD, PeriodFilter } from './PeriodFilter.js';
import './ops.css';

interface WithoutHolder {
  items: { pseudonymousReference: string; holderType: string | null; holderId: string | null }[];
  total: number;
}

/**
 * Deadlines that slip and the baton invariant ("every young person in scope has exactly one holder, nobody out of scope
 * has one"). The invariant comes first and in red when it is broken: the RMC's list of young people without a holder
 * (GET /baton/without-holder), the monitor's count of them from the bus, and the monitor's count of batons held out of
 * scope must all be zero.
 */
export function Termijnen() {
  const [applied, setApplied] = useState(NO_PERIOD);
  const figures = useApi(() => api<DeadlineFigures>('monitor', '/deadlines', { query: windowQuery(applied) }), [applied]);
  const baton = useApi(() => api<WithoutHolder>('rmc', '/baton/without-holder'), []);
  return (
    <>
      <PageTitle>Termijnen en estafettestokje</PageTitle>
      <Loading loading={baton.loading && !baton.data} error={baton.error}>
        {() => (
          <>
            <Invariant
              rmc={baton.data!}
              monitor={monitorWithoutHolder(figures.data?.baton)}
              heldOutOfScope={figures.data?.baton.heldOutOfScope}
            />
            <HeldOutOfScope count={figures.data?.baton.heldOutOfScope} />
          </>
        )}
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
              <BatonCounts baton={f.baton} />
            </>
          );
        }}
      </Loading>
    </>
  );
}

/** The invariant's count on the bus: `inScopeWithoutHolder`, or `withoutHolder` from a monitor that does not give it yet. */
const monitorWithoutHolder = (baton: BatonFigures | undefined) => baton && (baton.inScopeWithoutHolder ?? baton.withoutHolder);

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The baton by the monitor's count of the events on the bus: who holds it, who is out of scope and why. */
function BatonCounts({ baton }: { baton: BatonFigures }) {
  const ended = Object.entries(baton.endedByReason ?? {});
  return (
    <>
      <h2>Wie heeft het estafettestokje</h2>
      <p>
        Volgens de events op de bus: {baton.tracked} jongeren gevolgd, {baton.withConflicts} met tegenstrijdige events (nakijken).
      </p>
      {baton.inScope !== undefined ? (
        <ul className="kerncijfers">
          <li>
            <span className="getal">{baton.inScope}</span> jongeren onder een verantwoordelijkheid
          </li>
          <li className={monitorWithoutHolder(baton) ? 'alarm' : undefined}>
            <span className="getal">{monitorWithoutHolder(baton)}</span> daarvan zonder houder (moet 0 zijn)
          </li>
          <li className={baton.heldOutOfScope ? 'alarm' : undefined}>
            <span className="getal">{baton.heldOutOfScope ?? '-'}</span> met houder buiten de doelgroep (moet 0 zijn)
          </li>
        </ul>
      ) : null}
      <DataTable
        caption="Houders van het estafettestokje per soort organisatie"
        rows={Object.entries(baton.holdersByType).sort(([a], [b]) => a.localeCompare(b))}
        rowKey={([k]) => k}
        empty="Nog geen jongeren gevolgd."
        columns={[
          { header: 'Soort organisatie', rowHeader: true, cell: ([k]) => kind(k) },
          { header: 'Aantal jongeren', cell: ([, n]) => n },
        ]}
      />
      {baton.endedByReason ? (
        <DataTable
          caption="Regie beëindigd, naar de reden van het laatste einde (jongeren nu buiten de doelgroep)"
          rows={ended}
          rowKey={([reason]) => reason}
          empty="Nog geen regie beëindigd."
          columns={[
            {
              header: 'Reden',
              rowHeader: true,
              cell: ([reason]) => capitalised(REGIE_END_REASON[reason as keyof typeof REGIE_END_REASON] ?? reason),
            },
            { header: 'Aantal jongeren', cell: ([, n]) => n },
          ]}
        />
      ) : null}
    </>
  );
}

/**
 * Must be zero: a holder after the responsibility ended, or the RMC still holding the baton on or after the 23rd
 * birthday. When not, an alarm under the invariant, with what to do.
 */
function HeldOutOfScope({ count }: { count: number | undefined }) {
  if (!count) return null;
  return (
    <section className="estafette-alarm" aria-labelledby="buiten-doelgroep-kop" role="alert">
      <h2 id="buiten-doelgroep-kop">
        Let op: {count} {count === 1 ? 'jongere' : 'jongeren'} met een houder buiten de doelgroep
      </h2>
      <p>
        De monitor telt {count === 1 ? 'een jongere' : `${count} jongeren`} bij wie het estafettestokje nog wordt vastgehouden terwijl de
        verantwoordelijkheid voorbij is: het RMC na de 23e verjaardag, of een houder na het einde van de regie. Kijk in het RMC of de regie
        is beëindigd (23 jaar) en of Werk & Inkomen de jongere op tijd aangeboden kreeg.
      </p>
    </section>
  );
}

/** Must be empty; when not, it is the first thing on the page, with what to do. */
function Invariant({ rmc, monitor, heldOutOfScope }: { rmc: WithoutHolder; monitor: number | undefined; heldOutOfScope?: number }) {
  const broken = rmc.total > 0 || (monitor ?? 0) > 0;
  const count = Math.max(rmc.total, monitor ?? 0);
  // Held out of scope has its own alarm right below: then nothing here says "in orde".
  if (!broken && heldOutOfScope) return null;
  if (!broken)
    return (
      <section className="estafette-ok" aria-labelledby="stokje-kop">
        <h2 id="stokje-kop">Estafettestokje: in orde</h2>
        <p>
          Elke jongere onder een verantwoordelijkheid heeft precies één houder. Het RMC vindt niemand zonder houder
          {monitor === undefined ? '' : ', en de monitor telt er 0 op de bus'}
          {heldOutOfScope === undefined ? '' : '; niemand houdt het stokje vast buiten de doelgroep'}.
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
