import type { ReactNode } from 'react';
import { api, ApiError } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { Details } from '../../components/Details.js';
import { formatDate, today } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
import { regieEndText, type RegieEnd } from '../../components/regie.js';
import { useApi } from '../../components/useApi.js';
import { ORGANISATION_TYPE } from './labels.js';

/**
 * The RMC's GET /baton/:pseudonymousReference. `inScope`, `ended` and `turns23On` came later: an RMC that does not give
 * them yet answers without, and they read as null (then a holder means in scope).
 */
export interface BatonAnswer {
  holder: { organisationType: string; id: string } | null;
  /** CBS name of the holder's RMC region; null for other holders. */
  regionName: string | null;
  inScope?: boolean | null;
  ended?: RegieEnd | null;
  /** The date the young person turns 23 (YYYY-MM-DD). */
  turns23On?: string | null;
  conflicts: { eventId: string; why: string }[];
}

/**
 * Who holds the baton for this young person, by the RMC's one reducer over the events: the holder by name, or, when the
 * responsibility ended, why and since when. Consulenten and coordinators of the region may ask the RMC this; a 403 (another role) reads where to look.
 */
export function Stokje({ pseudonymousReference }: { pseudonymousReference: string }) {
  const baton = useApi(() => api<BatonAnswer>('rmc', `/baton/${encodeURIComponent(pseudonymousReference)}`), [pseudonymousReference]);
  const forbidden = baton.error instanceof ApiError && baton.error.status === 403;
  return (
    <section aria-labelledby="stokje-kop">
      <h2 id="stokje-kop">Estafettestokje</h2>
      {forbidden ? (
        <p>Wie het estafettestokje heeft, ziet de RMC-coördinator.</p>
      ) : (
        <Loading loading={baton.loading && !baton.data} error={baton.error}>
          {() => <Holder baton={baton.data!} />}
        </Loading>
      )}
    </section>
  );
}

function Holder({ baton }: { baton: BatonAnswer }) {
  const holder = baton.holder;
  const inScope = baton.inScope ?? holder !== null;
  const ended = !inScope ? (baton.ended ?? null) : null;
  const items: [string, ReactNode][] = [
    [
      'Houder',
      holder ? (
        <>
          <Organisatie id={holder.id} name={baton.regionName ? `RMC ${baton.regionName}` : null} />
          <br />
          <span className="uitleg">{ORGANISATION_TYPE[holder.organisationType] ?? holder.organisationType}</span>
        </>
      ) : (
        'niemand'
      ),
    ],
  ];
  if (ended) items.push(['Regie', <RegieEinde ended={ended} />]);
  if (baton.turns23On) items.push(['23e verjaardag', <Turns23 on={baton.turns23On} />]);
  return (
    <>
      <Details items={items} />
      {inScope && !holder ? (
        <Alert kind="fout">
          Niemand heeft het estafettestokje terwijl de jongere wel onder een verantwoordelijkheid valt. Dat mag nooit.
        </Alert>
      ) : null}
      {!inScope && !ended ? <p>De jongere valt (nu) onder geen enkele verantwoordelijkheid.</p> : null}
      {baton.conflicts.length ? (
        <p>
          {baton.conflicts.length} {baton.conflicts.length === 1 ? 'event kon' : 'events konden'} het stokje niet verplaatsen (nakijken).
        </p>
      ) : null}
    </>
  );
}

function RegieEinde({ ended }: { ended: RegieEnd }) {
  return (
    <>
      {regieEndText(ended)}
      <br />
      <span className="uitleg">
        door <Organisatie id={ended.by.id} />
      </span>
    </>
  );
}

/** The RMC's part ends on the 23rd birthday (RMC-wet: 12 to 23 years). */
function Turns23({ on }: { on: string }) {
  return (
    <>
      {formatDate(on)}
      <br />
      <span className="uitleg">
        {on <= today() ? 'Het deel van het RMC is op die dag geëindigd.' : 'Op die dag eindigt het deel van het RMC.'}
      </span>
    </>
  );
}
