import { useId, useRef, useState, type RefObject } from 'react';
import { api, ApiError } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { ConfirmPanel } from '../../components/ConfirmPanel.js';
import { DataTable } from '../../components/DataTable.js';
import { formatDate } from '../../components/format.js';
import { Gemeente, GemeenteNaam } from '../../components/Gemeente.js';
import { Loading } from '../../components/Loading.js';
import { Pagination } from '../../components/Pagination.js';
import { useApi } from '../../components/useApi.js';
import { Link } from '../../router.js';
import { groupName, REFUSAL_REASON, type CaseloadTaak, type Group, type ToewijzingRefusal } from './caseload-labels.js';
import { TAAK_STATUS } from './labels.js';

const PAGE_SIZE = 50;

type Outcome = { kind: 'succes'; text: string } | { kind: 'fout'; text: string; refused: ToewijzingRefusal[] };

/**
 * The open tasks of one consulent (or of nobody), overdue first, with a checkbox each: the coordinator selects tasks,
 * names the consulent who gets them, confirms, and the RMC reassigns them in one go (all or nothing, each logged).
 */
export function BulkToewijzing({
  group,
  headingRef,
  consulenten,
  onReassigned,
}: {
  group: Group;
  headingRef: RefObject<HTMLHeadingElement | null>;
  consulenten: string[];
  onReassigned: () => void;
}) {
  const [page, setPage] = useState(1);
  const [tick, setTick] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assignee, setAssignee] = useState('');
  const [formError, setFormError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const submit = useRef<HTMLButtonElement>(null);
  const assigneeId = useId();
  const list = useApi(
    () =>
      api<{ items: CaseloadTaak[]; total: number }>('rmc', '/caseload/taken', {
        query: { ...('assignedTo' in group ? { assignedTo: group.assignedTo } : { unassigned: true }), page, pageSize: PAGE_SIZE },
      }),
    [page, tick],
  );
  const who = groupName(group);
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const ask = () => {
    setOutcome(undefined);
    if (selected.size === 0) return setFormError('Selecteer eerst een of meer taken.');
    if (!assignee.trim()) return setFormError('Vul in aan wie u de taken toewijst.');
    if ('assignedTo' in group && assignee.trim() === group.assignedTo) return setFormError(`De taken zijn al van ${group.assignedTo}.`);
    setFormError(undefined);
    setConfirming(true);
  };
  const cancel = () => {
    setConfirming(false);
    setTimeout(() => submit.current?.focus(), 0);
  };
  const reassign = async () => {
    const to = assignee.trim();
    setBusy(true);
    try {
      const result = await api<{ count: number }>('rmc', '/caseload/toewijzing', { body: { taakIds: [...selected], assignee: to } });
      setOutcome({ kind: 'succes', text: `${result.count} ${result.count === 1 ? 'taak' : 'taken'} toegewezen aan ${to}.` });
      setSelected(new Set());
      setTick((t) => t + 1);
      onReassigned();
    } catch (error) {
      const refused = error instanceof ApiError && Array.isArray(error.body?.refused) ? (error.body.refused as ToewijzingRefusal[]) : [];
      const text = refused.length
        ? 'Er is niets toegewezen: deze taken kunnen niet worden toegewezen. Haal ze uit de selectie en probeer het opnieuw.'
        : `Er is niets toegewezen. ${(error as Error).message}`;
      setOutcome({ kind: 'fout', text, refused });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <section aria-labelledby="caseload-taken-kop">
      <h2 id="caseload-taken-kop" ref={headingRef} tabIndex={-1}>
        Taken van {who}
      </h2>
      {outcome?.kind === 'succes' ? <Alert kind="succes">{outcome.text}</Alert> : null}
      {outcome?.kind === 'fout' ? (
        <Alert kind="fout">
          {outcome.text}
          {outcome.refused.length ? (
            <ul>
              {outcome.refused.map((r) => (
                <li key={r.taakId}>
                  Taak {r.taakId}: {REFUSAL_REASON[r.reason] ?? r.reason}
                  {r.status ? ` (${TAAK_STATUS[r.status] ?? r.status})` : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <Loading loading={list.loading && !list.data} error={list.error}>
        {() => (
          <>
            <DataTable
              caption={`Open taken van ${who} (${list.data!.total}), te laat eerst`}
              rows={list.data!.items}
              rowKey={(t) => t.id}
              rowClass={(t) => (t.overdue ? 'te-laat' : undefined)}
              empty="Geen open taken."
              columns={[
                {
                  header: 'Selecteren',
                  cell: (t) => (
                    <>
                      <input
                        id={`selecteer-${t.id}`}
                        type="checkbox"
                        checked={selected.has(t.id)}
                        onChange={(e) => toggle(t.id, e.target.checked)}
                      />
                      <label htmlFor={`selecteer-${t.id}`} className="visually-hidden">
                        Selecteer taak van {formatDate(t.registrationDate)},{' '}
                        <GemeenteNaam code={t.municipality} name={t.municipalityName} />, eerste contact uiterlijk{' '}
                        {formatDate(t.firstContactDueDate)}
                      </label>
                    </>
                  ),
                },
                {
                  header: 'Eerste contact uiterlijk',
                  rowHeader: true,
                  cell: (t) => (
                    <>
                      {formatDate(t.firstContactDueDate)} {t.overdue ? <span className="label label-te-laat">te laat</span> : null}
                    </>
                  ),
                },
                {
                  header: 'Status',
                  cell: (t) => (
                    <>
                      {TAAK_STATUS[t.status] ?? t.status}
                      {t.escalatedAt ? (
                        <>
                          {' '}
                          <span className="label label-neutraal">geëscaleerd</span>
                        </>
                      ) : null}
                      {t.buitenBeeld ? (
                        <>
                          {' '}
                          <span className="label label-neutraal">buiten beeld</span>
                        </>
                      ) : null}
                    </>
                  ),
                },
                { header: 'Gemeld op', cell: (t) => formatDate(t.registrationDate) },
                { header: 'Gemeente', cell: (t) => <Gemeente code={t.municipality} name={t.municipalityName} /> },
                {
                  header: 'Taak',
                  cell: (t) => (
                    <Link href={`/rmc/taken/${t.id}`}>
                      Open taak<span className="visually-hidden"> van {formatDate(t.registrationDate)}</span>
                    </Link>
                  ),
                },
              ]}
            />
            <Pagination page={page} pageSize={PAGE_SIZE} total={list.data!.total} onPage={setPage} />
            {list.data!.items.length ? (
              <div className="acties">
                <button type="button" onClick={() => setSelected(new Set(list.data!.items.map((t) => t.id)))}>
                  Alle taken op deze pagina selecteren
                </button>
                <button type="button" onClick={() => setSelected(new Set())} disabled={selected.size === 0}>
                  Selectie wissen
                </button>
              </div>
            ) : null}
          </>
        )}
      </Loading>

      <form
        aria-label="Geselecteerde taken toewijzen"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          ask();
        }}
      >
        <div className={`veld${formError ? ' veld-fout' : ''}`}>
          <label htmlFor={assigneeId}>Toewijzen aan (gebruikersnaam van de consulent)</label>
          <input
            id={assigneeId}
            name="assignee"
            type="text"
            list={`${assigneeId}-consulenten`}
            autoComplete="off"
            value={assignee}
            aria-invalid={formError ? true : undefined}
            aria-describedby={formError ? `${assigneeId}-fout` : undefined}
            onChange={(e) => setAssignee(e.target.value)}
          />
          <datalist id={`${assigneeId}-consulenten`}>
            {consulenten.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          {formError ? (
            <p className="fouttekst" id={`${assigneeId}-fout`}>
              {formError}
            </p>
          ) : null}
        </div>
        {confirming ? null : (
          <button ref={submit} type="submit" className="primair">
            Geselecteerde taken toewijzen ({selected.size})
          </button>
        )}
      </form>
      {confirming ? (
        <ConfirmPanel
          title={`${selected.size} ${selected.size === 1 ? 'taak' : 'taken'} toewijzen aan ${assignee.trim()}?`}
          confirmLabel="Ja, toewijzen"
          busy={busy}
          onCancel={cancel}
          onConfirm={() => void reassign()}
        >
          <p>
            De geselecteerde taken van {who} gaan in één keer naar {assignee.trim()}. Elke toewijzing wordt vastgelegd met uw naam. Kan één
            taak niet worden toegewezen, dan verandert er niets.
          </p>
        </ConfirmPanel>
      ) : null}
    </section>
  );
}
