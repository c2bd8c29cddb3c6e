import { useState } from 'react';
import { api, ApiError } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { DataTable } from '../../components/DataTable.js';
import { Details } from '../../components/Details.js';
import { DateField } from '../../components/Fields.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Pagination } from '../../components/Pagination.js';
import { TextAreaField } from '../../components/TextAreaField.js';
import { useApi } from '../../components/useApi.js';
import { useCommand } from '../../components/useCommand.js';
import { FREE_TEXT_MAX } from './labels.js';

/** One version of the plan van aanpak (GET /taken/:id/plan, /plan/versies). */
interface PlanVersie {
  version: number;
  goals: string;
  agreements: string;
  nextStep: string;
  /** YYYY-MM-DD (Amsterdam). */
  nextStepOn: string;
  changedBy: string;
  changedAt: string;
}

/** A note of the consulent (free text, kept in the RMC only). */
export interface Notitie {
  id: string;
  tekst: string;
  writtenBy: string;
  writtenAt: string;
  planVersion: number | null;
}

const VERSIONS_PAGE_SIZE = 5;

/** The current plan, or null while there is none (the service answers 404 with reason geen-plan). */
async function currentPlan(taakId: string): Promise<(PlanVersie & { notities: Notitie[] }) | null> {
  try {
    return await api<PlanVersie & { notities: Notitie[] }>('rmc', `/taken/${taakId}/plan`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.reason === 'geen-plan') return null;
    throw error;
  }
}

/**
 * The task's plan van aanpak: the current version with its notes, the earlier versions (who changed it, when), and
 * the form that writes a new version. Writing one is possible after contact (In contact or Traject) and makes the
 * task Traject; the next step's date puts it back on top of the worklist on that day.
 */
export function PlanVanAanpak({ taakId, status, onDone }: { taakId: string; status: string; onDone: () => void }) {
  const plan = useApi(() => currentPlan(taakId), [taakId]);
  const [page, setPage] = useState(1);
  const versions = useApi(
    () =>
      api<{ items: PlanVersie[]; total: number }>('rmc', `/taken/${taakId}/plan/versies`, {
        query: { page, pageSize: VERSIONS_PAGE_SIZE },
      }),
    [taakId, page, plan.data?.version],
  );
  const writable = status === 'in-contact' || status === 'traject';
  // Kept here: the form starts afresh from each new version (its key), so its own confirmation would vanish with it.
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="plan-kop">
      <h2 id="plan-kop">Plan van aanpak</h2>
      <Loading loading={plan.loading && plan.data === undefined} error={plan.error}>
        {() => {
          const p = plan.data;
          if (!p) return <p>Er is nog geen plan van aanpak.</p>;
          return (
            <>
              <Details
                items={[
                  ['Versie', `${p.version}, gewijzigd door ${p.changedBy} op ${formatDateTime(p.changedAt)}`],
                  ['Doelen', <span className="vrije-tekst">{p.goals}</span>],
                  ['Afspraken met de jongere', <span className="vrije-tekst">{p.agreements}</span>],
                  ['Volgende stap', <span className="vrije-tekst">{p.nextStep}</span>],
                  ['Datum volgende stap', formatDate(p.nextStepOn)],
                ]}
              />
              <h3>Notities bij het plan</h3>
              {p.notities.length ? (
                <ul>
                  {p.notities.map((n) => (
                    <li key={n.id}>
                      <span className="vrije-tekst">{n.tekst}</span>{' '}
                      <span className="uitleg">
                        ({n.writtenBy}, {formatDateTime(n.writtenAt)}, bij versie {n.planVersion})
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>Nog geen notities bij het plan.</p>
              )}
            </>
          );
        }}
      </Loading>
      {versions.data && versions.data.total > 0 ? (
        <>
          <DataTable
            caption="Versies van het plan van aanpak, nieuwste eerst"
            rows={versions.data.items}
            rowKey={(v) => String(v.version)}
            empty="Nog geen versies."
            columns={[
              { header: 'Versie', rowHeader: true, cell: (v) => v.version },
              { header: 'Gewijzigd op', cell: (v) => formatDateTime(v.changedAt) },
              { header: 'Door', cell: (v) => v.changedBy },
              { header: 'Doelen', cell: (v) => v.goals },
              { header: 'Afspraken', cell: (v) => v.agreements },
              { header: 'Volgende stap', cell: (v) => `${v.nextStep} (${formatDate(v.nextStepOn)})` },
            ]}
          />
          <Pagination page={page} pageSize={VERSIONS_PAGE_SIZE} total={versions.data.total} onPage={setPage} />
        </>
      ) : null}
      {writable ? (
        <PlanForm
          key={plan.data?.version ?? 0}
          taakId={taakId}
          current={plan.data ?? null}
          onDone={() => {
            setSaved(true);
            plan.reload();
            onDone();
          }}
          onEdit={() => setSaved(false)}
        />
      ) : (
        <p>Een plan van aanpak maken kan na contact met de jongere (status In contact of Traject).</p>
      )}
      {saved ? <Alert kind="succes">Plan van aanpak opgeslagen als nieuwe versie.</Alert> : null}
    </section>
  );
}

function PlanForm({
  taakId,
  current,
  onDone,
  onEdit,
}: {
  taakId: string;
  current: PlanVersie | null;
  onDone: () => void;
  onEdit: () => void;
}) {
  const [form, setForm] = useState({
    goals: current?.goals ?? '',
    agreements: current?.agreements ?? '',
    nextStep: current?.nextStep ?? '',
    nextStepOn: current?.nextStepOn ?? '',
    notitie: '',
  });
  const cmd = useCommand();
  const set = (field: keyof typeof form) => (value: string) => {
    onEdit();
    setForm({ ...form, [field]: value });
  };
  return (
    <form
      className="formulier"
      aria-labelledby="plan-form-kop"
      onSubmit={(e) => {
        e.preventDefault();
        const { notitie, ...plan } = form;
        void cmd
          .run(
            () =>
              api('rmc', `/taken/${taakId}/plan`, {
                body: { ...plan, ...(notitie.trim() ? { notitie } : {}), previousVersion: current?.version ?? 0 },
              }),
            'Opgeslagen.',
          )
          .then((ok) => ok && onDone());
      }}
    >
      <h3 id="plan-form-kop">{current ? 'Plan van aanpak wijzigen' : 'Plan van aanpak maken'}</h3>
      <TextAreaField
        label="Doelen"
        name="goals"
        required
        value={form.goals}
        onChange={set('goals')}
        maxLength={FREE_TEXT_MAX}
        error={cmd.fields.goals}
      />
      <TextAreaField
        label="Afspraken met de jongere"
        name="agreements"
        required
        value={form.agreements}
        onChange={set('agreements')}
        maxLength={FREE_TEXT_MAX}
        error={cmd.fields.agreements}
      />
      <TextAreaField
        label="Volgende stap"
        name="nextStep"
        required
        rows={2}
        value={form.nextStep}
        onChange={set('nextStep')}
        maxLength={FREE_TEXT_MAX}
        error={cmd.fields.nextStep}
      />
      <DateField
        label="Datum volgende stap"
        name="nextStepOn"
        required
        hint="Op deze dag staat de taak weer bovenaan de werklijst"
        value={form.nextStepOn}
        onChange={set('nextStepOn')}
        error={cmd.fields.nextStepOn}
      />
      <TextAreaField
        label="Notitie bij het plan (optioneel)"
        name="notitie"
        hint="Alleen voor het RMC en later voor de jongere zelf zichtbaar; gaat nooit naar andere organisaties"
        value={form.notitie}
        onChange={set('notitie')}
        maxLength={FREE_TEXT_MAX}
        error={cmd.fields.notitie}
      />
      <button type="submit" disabled={cmd.busy}>
        Plan van aanpak opslaan
      </button>
      {cmd.error ? <Alert kind="fout">{cmd.error}</Alert> : null}
    </form>
  );
}
