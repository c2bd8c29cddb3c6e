import type { RetentionPolicyView, RetentionRunView, RetentionService } from '@estafette/privacy/readable';
import { useState } from 'react';
import { api, ApiError } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { DataTable } from '../../components/DataTable.js';
import { formatDateTime } from '../../components/format.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pagination } from '../../components/Pagination.js';
import { useApi } from '../../components/useApi.js';
import { ACTION_LABELS, BASIS_KIND_LABELS, MOMENT_LABELS, periodText, RETENTION_SERVICE_NAMES } from './labels.js';

const PAGE_SIZE = 5;

/**
 * Per service with personal data: its bewaartermijnen (GET /retention/policy, with the basis next to each number) and
 * its retention runs (GET /retention/runs, newest first, counts per category, paged). Each service is asked on its own:
 * one that does not answer shows a message in its own part, the others still show.
 */
export function Bewaartermijnen() {
  return (
    <>
      <PageTitle>Bewaartermijnen</PageTitle>
      <p>
        Per dienst: hoe lang persoonsgegevens blijven, vanaf welk moment, wat er daarna gebeurt en waarom (wet, bron of ontwerpkeuze). Elke
        dienst voert de bewaartermijnen elke dag uit en legt per keer vast hoeveel er is verwijderd of gepseudonimiseerd (aantallen, nooit
        inhoud).
      </p>
      {(Object.keys(RETENTION_SERVICE_NAMES) as RetentionService[]).map((service) => (
        <ServiceRetention key={service} service={service} />
      ))}
    </>
  );
}

/** A service that is not there or does not answer: what it means, in one sentence. */
function unavailable(error: Error): string {
  if (error instanceof ApiError && error.status === 404) return 'Deze dienst kent geen bewaartermijnen (404).';
  if (error instanceof ApiError && (error.status === 502 || error.status === 504)) return 'Deze dienst antwoordt nu niet.';
  return `Deze dienst gaf geen antwoord: ${error.message}`;
}

function ServiceRetention({ service }: { service: RetentionService }) {
  const name = RETENTION_SERVICE_NAMES[service];
  const [page, setPage] = useState(1);
  const policy = useApi(() => api<RetentionPolicyView>(service, '/retention/policy'), [service]);
  const runs = useApi(
    () => api<{ items: RetentionRunView[]; total: number }>(service, '/retention/runs', { query: { page, pageSize: PAGE_SIZE } }),
    [service, page],
  );
  const headingId = `bewaar-${service}`;
  const failed = policy.error ?? runs.error;
  return (
    <section aria-labelledby={headingId} className="dienst-bewaartermijnen">
      <h2 id={headingId}>{name}</h2>
      {failed ? (
        <Alert kind="fout">
          {name}: {unavailable(failed)}
        </Alert>
      ) : policy.loading && !policy.data ? (
        <p aria-live="polite">Bezig met laden...</p>
      ) : (
        <>
          <p className="klein">
            Versie van de tabel: <code>{policy.data!.version}</code>
          </p>
          <DataTable
            caption={`${name}: bewaartermijnen`}
            rows={policy.data!.bewaartermijnen}
            rowKey={(b) => b.category}
            empty="Geen bewaartermijnen."
            columns={[
              { header: 'Categorie', rowHeader: true, cell: (b) => b.category },
              { header: 'Wat', cell: (b) => b.holds },
              {
                header: 'Vanaf',
                cell: (b) => (
                  <>
                    {MOMENT_LABELS[b.moment] ?? b.moment} <span className="klein">({b.momentDetail})</span>
                  </>
                ),
              },
              { header: 'Termijn', cell: (b) => periodText(b.period) },
              {
                header: 'Daarna',
                cell: (b) => (
                  <>
                    {ACTION_LABELS[b.action] ?? b.action}
                    {b.pending ? <strong> (nog niet uitgevoerd: {b.pending})</strong> : null}
                  </>
                ),
              },
              {
                header: 'Grondslag',
                cell: (b) => (
                  <ul className="grondslagen">
                    {b.basis.map((x) => (
                      <li key={x.text}>
                        <strong>{BASIS_KIND_LABELS[x.kind] ?? x.kind}:</strong> {x.text}
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
          {runs.loading && !runs.data ? (
            <p aria-live="polite">Bezig met laden...</p>
          ) : (
            <>
              <DataTable
                caption={`${name}: uitvoeringen, nieuwste eerst`}
                rows={runs.data!.items}
                rowKey={(r) => r.id}
                empty="Nog geen uitvoeringen."
                columns={[
                  { header: 'Gestart', rowHeader: true, cell: (r) => formatDateTime(r.startedAt) },
                  { header: 'Klaar', cell: (r) => formatDateTime(r.finishedAt) },
                  {
                    header: 'Aantal per categorie',
                    cell: (r) => (
                      <ul className="aantallen">
                        {Object.entries(r.counts).map(([category, count]) => (
                          <li key={category}>
                            {category}: {count}
                          </li>
                        ))}
                      </ul>
                    ),
                  },
                  { header: 'Tabelversie', cell: (r) => <code>{r.policy}</code> },
                ]}
              />
              <Pagination page={page} pageSize={PAGE_SIZE} total={runs.data!.total} onPage={setPage} />
            </>
          )}
        </>
      )}
    </section>
  );
}
