import { useState } from 'react';
import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { DataTable } from '../../components/DataTable.js';
import { CheckboxField, DateField, options, SelectField } from '../../components/Fields.js';
import { formatDate, formatDateTime, today } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { OrganisatieKiezer } from '../../components/OrganisatieKiezer.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pagination } from '../../components/Pagination.js';
import { useApi } from '../../components/useApi.js';
import { useCommand } from '../../components/useCommand.js';
import { CATEGORIES, ORG_TYPES, orgText, PURPOSES, STATUS, type Toestemming } from './labels.js';
import { Partij, usePartijNaam } from './Partij.js';
import { WieWeetWat } from './WieWeetWat.js';

const PAGE_SIZE = 20;

/** The young person's own consents: which data, from whom, to whom, for what; withdraw with one button. */
export function Toestemmingen() {
  const [page, setPage] = useState(1);
  const list = useApi(
    () => api<{ items: Toestemming[]; total: number }>('consent', '/me/toestemmingen', { query: { page, pageSize: PAGE_SIZE } }),
    [page],
  );
  const withdraw = useCommand();
  return (
    <>
      <PageTitle>Mijn toestemmingen</PageTitle>
      <p>
        Hier zie je aan wie je toestemming hebt gegeven om je gegevens te delen. Je kunt een toestemming altijd intrekken; daarna worden de
        gegevens niet meer gedeeld.
      </p>
      {withdraw.error ? <Alert kind="fout">{withdraw.error}</Alert> : withdraw.done ? <Alert kind="succes">{withdraw.done}</Alert> : null}
      <Loading loading={list.loading && !list.data} error={list.error}>
        {() => (
          <>
            <DataTable
              caption="Mijn toestemmingen, nieuwste eerst"
              rows={list.data!.items}
              rowKey={(t) => t.id}
              empty="Je hebt nog geen toestemmingen gegeven."
              columns={[
                { header: 'Wie deelt', rowHeader: true, cell: (t) => <Partij party={t.from} /> },
                { header: 'Met wie', cell: (t) => <Partij party={t.to} /> },
                { header: 'Welke gegevens', cell: (t) => t.dataCategories.map((c) => CATEGORIES[c]?.split(' (')[0] ?? c).join(', ') },
                { header: 'Waarvoor', cell: (t) => PURPOSES[t.purpose]?.split(' (')[0] ?? t.purpose },
                {
                  header: 'Geldig',
                  cell: (t) => `${formatDate(t.validFrom)} tot ${t.validUntil ? formatDate(t.validUntil) : 'je intrekt'}`,
                },
                {
                  header: 'Status',
                  cell: (t) =>
                    t.withdrawnAt
                      ? `${t.withdrawnBy === 'ouder-of-voogd' ? 'Geweigerd door je ouder of voogd' : 'Ingetrokken'} op ${formatDateTime(t.withdrawnAt)}`
                      : t.awaitingGuardian
                        ? 'Wacht op je ouder of voogd'
                        : (STATUS[t.status] ?? t.status),
                },
                {
                  header: 'Actie',
                  cell: (t) =>
                    t.withdrawnAt ? (
                      '-'
                    ) : (
                      <Intrekken
                        toestemming={t}
                        busy={withdraw.busy}
                        onWithdraw={(name) =>
                          void withdraw
                            .run(
                              () => api('consent', `/me/toestemmingen/${t.id}/intrekking`, { method: 'POST' }),
                              `Je toestemming voor ${name} is ingetrokken.`,
                            )
                            .then((ok) => ok && list.reload())
                        }
                      />
                    ),
                },
              ]}
            />
            <Pagination page={page} pageSize={PAGE_SIZE} total={list.data!.total} onPage={setPage} />
          </>
        )}
      </Loading>
      <WieWeetWat />
      <Geven onDone={list.reload} />
    </>
  );
}

/** A specific consent (generic consent is not valid): each of which data, who, with whom and what for is chosen. */
function Geven({ onDone }: { onDone: () => void }) {
  const [f, setF] = useState({
    categories: ['contactgegevens', 'schoolgegevens'],
    fromType: 'school',
    fromId: '',
    toType: 'werk-inkomen',
    toId: '',
    fromName: null as string | null,
    toName: null as string | null,
    purpose: 'warme-overdracht',
    validFrom: today(),
    validUntil: '',
  });
  const cmd = useCommand();
  // The text the young person agrees to names the organisations as the directory knows them.
  const wording = `Ik geef toestemming dat ${orgText({ organisationType: f.fromType, id: f.fromId, name: f.fromName })} deze gegevens deelt met ${orgText({ organisationType: f.toType, id: f.toId, name: f.toName })}: ${f.categories.map((c) => CATEGORIES[c]).join('; ')}. Doel: ${PURPOSES[f.purpose]}.`;
  const toggle = (c: string, on: boolean) => setF({ ...f, categories: on ? [...f.categories, c] : f.categories.filter((x) => x !== c) });
  const party = (organisationType: string, id: string) => ({ organisationType, ...(id.trim() ? { id: id.trim() } : {}) });
  return (
    <form
      className="formulier"
      aria-labelledby="geven-kop"
      onSubmit={(e) => {
        e.preventDefault();
        const body = {
          dataCategories: f.categories,
          from: party(f.fromType, f.fromId),
          to: party(f.toType, f.toId),
          purpose: f.purpose,
          validFrom: f.validFrom,
          ...(f.validUntil ? { validUntil: f.validUntil } : {}),
          wordingVersion: 'portaal-toestemming@1',
          wordingText: wording,
          howGiven: 'digitaal-ondertekend',
        };
        void cmd.run(() => api('consent', '/me/toestemmingen', { body }), 'Toestemming gegeven.').then((ok) => ok && onDone());
      }}
    >
      <h2 id="geven-kop">Toestemming geven</h2>
      <fieldset aria-describedby={cmd.fields.dataCategories ? 'categorie-fout' : undefined}>
        <legend>Welke gegevens?</legend>
        {Object.entries(CATEGORIES).map(([c, label]) => (
          <CheckboxField key={c} label={label} name={`cat-${c}`} checked={f.categories.includes(c)} onChange={(on) => toggle(c, on)} />
        ))}
        {cmd.fields.dataCategories ? (
          <p className="fouttekst" id="categorie-fout">
            Kies minstens één soort gegevens.
          </p>
        ) : null}
      </fieldset>
      <SelectField
        label="Wie mag de gegevens delen?"
        name="fromType"
        value={f.fromType}
        onChange={(fromType) => setF({ ...f, fromType, fromId: '', fromName: null })}
        options={options(Object.keys(ORG_TYPES), ORG_TYPES)}
        error={cmd.fields['from.organisationType']}
      />
      <OrganisatieKiezer
        label="Welke organisatie deelt?"
        kind={f.fromType}
        value={f.fromId}
        anyLabel={`Elke organisatie van deze soort (${ORG_TYPES[f.fromType] ?? f.fromType})`}
        onChange={(fromId, fromName) => setF({ ...f, fromId, fromName })}
        error={cmd.fields['from.id']}
      />
      <SelectField
        label="Met wie?"
        name="toType"
        value={f.toType}
        onChange={(toType) => setF({ ...f, toType, toId: '', toName: null })}
        options={options(Object.keys(ORG_TYPES), ORG_TYPES)}
        error={cmd.fields['to.organisationType']}
      />
      <OrganisatieKiezer
        label="Welke organisatie ontvangt?"
        kind={f.toType}
        value={f.toId}
        anyLabel={`Elke organisatie van deze soort (${ORG_TYPES[f.toType] ?? f.toType})`}
        onChange={(toId, toName) => setF({ ...f, toId, toName })}
        error={cmd.fields['to.id']}
      />
      <SelectField
        label="Waarvoor?"
        name="purpose"
        value={f.purpose}
        onChange={(purpose) => setF({ ...f, purpose })}
        options={options(Object.keys(PURPOSES), PURPOSES)}
        error={cmd.fields.purpose}
      />
      <DateField
        label="Geldig vanaf"
        name="validFrom"
        required
        value={f.validFrom}
        onChange={(validFrom) => setF({ ...f, validFrom })}
        error={cmd.fields.validFrom}
      />
      <DateField
        label="Geldig tot (leeg: tot je intrekt)"
        name="validUntil"
        value={f.validUntil}
        onChange={(validUntil) => setF({ ...f, validUntil })}
        error={cmd.fields.validUntil}
      />
      <p id="ouder-uitleg">
        Ben je volgens je school jonger dan 18? Dan telt je toestemming pas als je ouder of voogd die ook ondertekent. Je ouder of voogd
        logt daarvoor zelf in.
      </p>
      <p>
        <strong>Je geeft toestemming met deze tekst:</strong> {wording}
      </p>
      <button type="submit" disabled={cmd.busy}>
        Toestemming geven
      </button>
      {cmd.error ? <Alert kind="fout">{cmd.error}</Alert> : cmd.done ? <Alert kind="succes">{cmd.done}</Alert> : null}
    </form>
  );
}

/** The withdraw button of one consent, named for a screen reader by the organisation that receives. */
function Intrekken({ toestemming, busy, onWithdraw }: { toestemming: Toestemming; busy: boolean; onWithdraw: (name: string) => void }) {
  const name = usePartijNaam(toestemming.to);
  return (
    <button type="button" disabled={busy} onClick={() => onWithdraw(name)}>
      Intrekken<span className="visually-hidden"> (toestemming voor {name})</span>
    </button>
  );
}
