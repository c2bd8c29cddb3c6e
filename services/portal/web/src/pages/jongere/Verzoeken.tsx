import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
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
  const reply = (v: Verzoek, yes: boolean) =>
    void answer
      .run(
        () => api('consent', `/me/verzoeken/${v.id}/${yes ? 'akkoord' : 'afwijzing'}`, { method: 'POST' }),
        yes
          ? `Je hebt ${v.requester.name ?? v.requester.id} toestemming gegeven.`
          : `Je hebt het verzoek van ${v.requester.name ?? v.requester.id} afgewezen.`,
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
                <div className="acties">
                  <button type="button" className="primair" disabled={answer.busy} onClick={() => reply(v, true)}>
                    Ja, ik geef toestemming
                    <span className="visually-hidden"> aan {v.requester.name ?? v.requester.id}</span>
                  </button>
                  <button type="button" disabled={answer.busy} onClick={() => reply(v, false)}>
                    Nee, liever niet
                    <span className="visually-hidden"> ({v.requester.name ?? v.requester.id})</span>
                  </button>
                </div>
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
