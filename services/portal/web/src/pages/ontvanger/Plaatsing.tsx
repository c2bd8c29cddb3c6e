import { useState } from 'react';
import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { DataTable } from '../../components/DataTable.js';
import { Details } from '../../components/Details.js';
import { DateField, options, SelectField } from '../../components/Fields.js';
import { formatDate } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';
import { useCommand } from '../../components/useCommand.js';
import { Link } from '../../router.js';
import { CHECK_OUTCOMES, CHECK_TYPES, DROPOUT_REASONS, myService } from './labels.js';

interface PlaatsingView {
  id: string;
  overdrachtId: string;
  placementType: string;
  startDate: string;
  hoursPerWeek: number | null;
  status: string;
  followUpChecks: { checkType: string; dueDate: string; due: boolean; doneAt: string | null; outcome: string | null }[];
}

/** A placement with its follow-up checks (after 2 months, after 1 year): record a check, or report uitval. */
export function Plaatsing({ params }: { params: Record<string, string> }) {
  const service = myService();
  const id = params.id!;
  const plaatsing = useApi(() => api<PlaatsingView>(service, `/plaatsingen/${id}`), [id]);
  const [check, setCheck] = useState({ checkType: 'na-2-maanden', outcome: 'nog-geplaatst', dropoutReason: 'baan-verloren' });
  const [uitval, setUitval] = useState({ dropoutDate: '', reason: 'baan-verloren' });
  const checkCmd = useCommand();
  const uitvalCmd = useCommand();
  return (
    <>
      <PageTitle>Plaatsing</PageTitle>
      <Loading loading={plaatsing.loading && !plaatsing.data} error={plaatsing.error}>
        {() => {
          const p = plaatsing.data!;
          return (
            <>
              <p>
                <Link href={`/verwijzingen/${p.overdrachtId}`}>Naar de verwijzing</Link>
              </p>
              <Details
                items={[
                  ['Soort', p.placementType],
                  ['Start', formatDate(p.startDate)],
                  ['Uren per week', p.hoursPerWeek ?? '-'],
                  ['Status', p.status],
                ]}
              />
              <DataTable
                caption="Nazorgcontroles"
                rows={p.followUpChecks}
                rowKey={(c) => c.checkType}
                rowClass={(c) => (c.due && !c.doneAt ? 'te-laat' : undefined)}
                empty="Geen controles."
                columns={[
                  { header: 'Controle', rowHeader: true, cell: (c) => CHECK_TYPES[c.checkType] ?? c.checkType },
                  { header: 'Datum', cell: (c) => formatDate(c.dueDate) },
                  {
                    header: 'Stand',
                    cell: (c) =>
                      c.doneAt ? `Gedaan: ${c.outcome}` : c.due ? <span className="label label-te-laat">nu uitvoeren</span> : 'Gepland',
                  },
                ]}
              />
              <div className="acties">
                <form
                  className="formulier"
                  aria-labelledby="controle-kop"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const body = {
                      checkType: check.checkType,
                      outcome: check.outcome,
                      ...(check.outcome === 'uitgevallen' ? { dropoutReason: check.dropoutReason } : {}),
                    };
                    void checkCmd
                      .run(() => api(service, `/plaatsingen/${id}/follow-up-checks`, { body }), 'Controle vastgelegd.')
                      .then((ok) => ok && plaatsing.reload());
                  }}
                >
                  <h2 id="controle-kop">Nazorgcontrole vastleggen</h2>
                  <SelectField
                    label="Controle"
                    name="checkType"
                    value={check.checkType}
                    onChange={(checkType) => setCheck({ ...check, checkType })}
                    options={options(Object.keys(CHECK_TYPES), CHECK_TYPES)}
                    error={checkCmd.fields.checkType}
                  />
                  <SelectField
                    label="Uitkomst"
                    name="outcome"
                    value={check.outcome}
                    onChange={(outcome) => setCheck({ ...check, outcome })}
                    options={options(CHECK_OUTCOMES)}
                    error={checkCmd.fields.outcome}
                  />
                  {check.outcome === 'uitgevallen' ? (
                    <SelectField
                      label="Reden van uitval"
                      name="dropoutReason"
                      value={check.dropoutReason}
                      onChange={(dropoutReason) => setCheck({ ...check, dropoutReason })}
                      options={options(DROPOUT_REASONS)}
                      error={checkCmd.fields.dropoutReason}
                    />
                  ) : null}
                  <button type="submit" disabled={checkCmd.busy}>
                    Controle opslaan
                  </button>
                  {checkCmd.error ? (
                    <Alert kind="fout">{checkCmd.error}</Alert>
                  ) : checkCmd.done ? (
                    <Alert kind="succes">{checkCmd.done}</Alert>
                  ) : null}
                </form>
                <form
                  className="formulier"
                  aria-labelledby="uitval-kop"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void uitvalCmd
                      .run(
                        () => api(service, `/plaatsingen/${id}/uitval`, { body: uitval }),
                        'Uitval gemeld. De jongere gaat terug naar het RMC.',
                      )
                      .then((ok) => ok && plaatsing.reload());
                  }}
                >
                  <h2 id="uitval-kop">Uitval na plaatsing melden</h2>
                  <DateField
                    label="Datum van uitval"
                    name="dropoutDate"
                    required
                    value={uitval.dropoutDate}
                    onChange={(dropoutDate) => setUitval({ ...uitval, dropoutDate })}
                    error={uitvalCmd.fields.dropoutDate}
                  />
                  <SelectField
                    label="Reden"
                    name="reason"
                    value={uitval.reason}
                    onChange={(reason) => setUitval({ ...uitval, reason })}
                    options={options(DROPOUT_REASONS)}
                    error={uitvalCmd.fields.reason}
                  />
                  <button type="submit" disabled={uitvalCmd.busy}>
                    Uitval melden
                  </button>
                  {uitvalCmd.error ? (
                    <Alert kind="fout">{uitvalCmd.error}</Alert>
                  ) : uitvalCmd.done ? (
                    <Alert kind="succes">{uitvalCmd.done}</Alert>
                  ) : null}
                </form>
              </div>
            </>
          );
        }}
      </Loading>
    </>
  );
}
