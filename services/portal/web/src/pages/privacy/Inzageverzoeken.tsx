import type { InzageDocument } from '@estafette/privacy/readable';
import { useState } from 'react';
import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { DataTable } from '../../components/DataTable.js';
import { saveBlob } from '../../components/download.js';
import { TextField } from '../../components/Fields.js';
import { formatDateTime } from '../../components/format.js';
import { InzageDocumentView } from '../../components/InzageDocument.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pagination } from '../../components/Pagination.js';
import { TextAreaField } from '../../components/TextAreaField.js';
import { useApi } from '../../components/useApi.js';
import { useCommand } from '../../components/useCommand.js';

/** One kept inzage request (consent service `inzage_verzoek`): who, when, for whom, and which services answered. */
interface InzageVerzoek {
  id: string;
  subject: string;
  requestedAt: string;
  officerSubject: string;
  officerOrganisationId: string | null;
  verificationNote: string;
  reason: string;
  sectionStatus: Record<string, string>;
}

const PAGE_SIZE = 10;
const EMPTY = { subject: '', verificationNote: '', reason: '' };
/** The consent service's rules per field (InzageVerzoekDto), in Dutch next to the field it refused. */
const FIELD_ERRORS: Record<keyof typeof EMPTY, string> = {
  subject: 'Een pseudoniem begint met pr_ en heeft daarna 26 tekens.',
  verificationNote: 'Schrijf op hoe u de identiteit heeft gecontroleerd (minstens 10 tekens).',
  reason: 'Schrijf op waarom u de inzage maakt (minstens 5 tekens).',
};

/**
 * The privacy officer's inzage requests: a form for a verified request (the consent service's field errors next to
 * the fields), the resulting document shown and downloadable as JSON, and every request made so far, newest first.
 */
export function Inzageverzoeken() {
  const [page, setPage] = useState(1);
  const list = useApi(
    () => api<{ items: InzageVerzoek[]; total: number }>('consent', '/inzage-verzoeken', { query: { page, pageSize: PAGE_SIZE } }),
    [page],
  );
  const [form, setForm] = useState(EMPTY);
  const [result, setResult] = useState<InzageDocument | undefined>();
  const cmd = useCommand();
  const set = (field: keyof typeof EMPTY) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const errorOf = (field: keyof typeof EMPTY) => (cmd.fields[field] ? FIELD_ERRORS[field] : undefined);
  return (
    <>
      <PageTitle>Inzageverzoeken</PageTitle>
      <p>
        Een jongere mag weten welke gegevens organisaties over hem of haar bewaren en wie ze bekeek (AVG, artikel 15). Vraagt een jongere
        dat bij u aan, controleer dan eerst wie het vraagt. Het verzoek wordt vastgelegd en staat in de volgende inzage van de jongere.
      </p>
      <form
        className="formulier"
        aria-labelledby="inzage-form-kop"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setResult(undefined);
          void cmd
            .run(async () => setResult(await api<InzageDocument>('consent', '/inzage-verzoeken', { body: form })), 'De inzage is gemaakt.')
            .then((ok) => {
              if (!ok) return;
              setForm(EMPTY);
              setPage(1);
              list.reload();
            });
        }}
      >
        <h2 id="inzage-form-kop">Nieuw inzageverzoek</h2>
        <TextField
          label="Pseudoniem van de jongere"
          name="subject"
          hint="Begint met pr_ (bijvoorbeeld pr_01JABCDEFGHJKMNPQRSTVWXYZ0)."
          value={form.subject}
          onChange={set('subject')}
          error={errorOf('subject')}
          required
        />
        <TextAreaField
          label="Hoe is de identiteit gecontroleerd?"
          name="verificationNote"
          hint="Bijvoorbeeld: ID-bewijs gezien aan de balie, met datum."
          value={form.verificationNote}
          onChange={set('verificationNote')}
          maxLength={2000}
          error={errorOf('verificationNote')}
          required
        />
        <TextAreaField
          label="Reden van het verzoek"
          name="reason"
          hint="Bijvoorbeeld: verzoek per brief van 20 november."
          value={form.reason}
          onChange={set('reason')}
          maxLength={2000}
          error={errorOf('reason')}
          required
        />
        <button type="submit" disabled={cmd.busy}>
          {cmd.busy ? 'Bezig met maken...' : 'Inzage maken'}
        </button>
        {cmd.error ? <Alert kind="fout">{cmd.error}</Alert> : null}
        {cmd.done && result ? <Alert kind="succes">{cmd.done}</Alert> : null}
      </form>
      {result ? (
        <section aria-labelledby="inzage-resultaat" className="inzage-resultaat">
          <h2 id="inzage-resultaat">Inzage voor {result.subject}</h2>
          <div className="acties">
            <button
              type="button"
              onClick={() =>
                saveBlob(new Blob([JSON.stringify(result, null, 2)], { type: 'application/json' }), `inzage-${result.subject}.json`)
              }
            >
              Download als gegevensbestand (JSON)
            </button>
          </div>
          <InzageDocumentView document={result} />
        </section>
      ) : null}
      <h2>Gemaakte inzages</h2>
      <Loading loading={list.loading && !list.data} error={list.error}>
        {() => (
          <>
            <DataTable
              caption="Inzageverzoeken, nieuwste eerst"
              rows={list.data!.items}
              rowKey={(v) => v.id}
              empty="Nog geen inzageverzoeken."
              columns={[
                { header: 'Wanneer', rowHeader: true, cell: (v) => formatDateTime(v.requestedAt) },
                { header: 'Jongere', cell: (v) => <code>{v.subject}</code> },
                {
                  header: 'Door',
                  cell: (v) => (
                    <>
                      {v.officerSubject}
                      {v.officerOrganisationId ? (
                        <>
                          , <Organisatie id={v.officerOrganisationId} />
                        </>
                      ) : null}
                    </>
                  ),
                },
                { header: 'Identiteit gecontroleerd', cell: (v) => v.verificationNote },
                { header: 'Reden', cell: (v) => v.reason },
                {
                  header: 'Diensten',
                  cell: (v) => (
                    <ul className="aantallen">
                      {Object.entries(v.sectionStatus).map(([service, status]) => (
                        <li key={service}>
                          {service}: {status === 'beschikbaar' ? 'geantwoord' : 'niet beschikbaar'}
                        </li>
                      ))}
                    </ul>
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
