import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie, useOrganisationName } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';
import { useCommand } from '../../components/useCommand.js';
import type { Verzoek } from '../verzoeken/labels.js';

/**
 * The consent requests to the young person: who asks, the exact text, yes or no with one button each. A "yes" makes a
 * consent with that text (a minor's waits for their parent or guardian). Answered requests stay listed with the answer.
 */
export function Verzoeken() {
  const list = useApi(() => api<{ items: Verzoek[] }>('consent', '/me/verzoeken'), []);
  const answer = useCommand();
  const open = list.data?.items.filter((v) => v.status === 'open') ?? [];
  const answered = list.data?.items.filter((v) => v.status !== 'open') ?? [];
  const reply = (v: Verzoek, name: string, yes: boolean) =>
    void answer
      .run(
        () => api('consent', `/me/verzoeken/${v.id}/${yes ? 'akkoord' : 'afwijzing'}`, { method: 'POST' }),
        yes ? `Je hebt ${name} toestemming gegeven.` : `Je hebt het verzoek van ${name} afgewezen.`,
      )
      .then((ok) => ok && list.reload());
  return (
    <>
      <PageTitle>Vragen om toestemming</PageTitle>
      <p>
        Een organisatie die je helpt, kan je om toestemming vragen. Lees de vraag goed. Jij kiest: ja of nee. Zeg je ja, dan kun je de
        toestemming later altijd intrekken bij Mijn toestemmingen.
      </p>
      {answer.error ? <Alert kind="fout">{answer.error}</Alert> : answer.done ? <Alert kind="succes">{answer.done}</Alert> : null}
      <Loading loading={list.loading && !list.data} error={list.error}>
        {() => (
          <>
            <h2>Open vragen</h2>
            {open.length === 0 ? <p>Er zijn nu geen vragen voor je.</p> : null}
            {open.map((v) => (
              <section key={v.id} className="verzoek" aria-labelledby={`verzoek-${v.id}`}>
                <h3 id={`verzoek-${v.id}`}>
                  <Organisatie id={v.requester.id} name={v.requester.name} /> vraagt toestemming
                </h3>
                <p className="verzoek-tekst">{v.wordingText}</p>
                <p className="klein">Gevraagd op {formatDateTime(v.requestedAt)}.</p>
                <Antwoord verzoek={v} busy={answer.busy} onReply={(name, yes) => reply(v, name, yes)} />
              </section>
            ))}
            {answered.length ? (
              <>
                <h2>Beantwoorde vragen</h2>
                <ul>
                  {answered.map((v) => (
                    <li key={v.id}>
                      <Organisatie id={v.requester.id} name={v.requester.name} />:{' '}
                      {v.status === 'akkoord'
                        ? v.toestemming?.awaitingGuardian
                          ? 'je zei ja; nu moet je ouder of voogd nog tekenen'
                          : v.toestemming?.status === 'withdrawn'
                            ? 'je zei ja, maar de toestemming is ingetrokken (door jou of je ouder of voogd) en geldt niet'
                            : `je zei ja (geldt tot en met ${formatDate(v.validUntil)})`
                        : 'je zei nee'}
                      {v.answeredAt ? `, op ${formatDateTime(v.answeredAt)}` : ''}.
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
      </Loading>
    </>
  );
}

/** Yes or no to one request; both buttons name the organisation that asks, for a screen reader too. */
function Antwoord({ verzoek, busy, onReply }: { verzoek: Verzoek; busy: boolean; onReply: (name: string, yes: boolean) => void }) {
  const name = useOrganisationName(verzoek.requester.id, verzoek.requester.name) ?? verzoek.requester.id;
  return (
    <div className="acties">
      <button type="button" className="primair" disabled={busy} onClick={() => onReply(name, true)}>
        Ja, ik geef toestemming
        <span className="visually-hidden"> aan {name}</span>
      </button>
      <button type="button" disabled={busy} onClick={() => onReply(name, false)}>
        Nee, liever niet
        <span className="visually-hidden"> ({name})</span>
      </button>
    </div>
  );
}
