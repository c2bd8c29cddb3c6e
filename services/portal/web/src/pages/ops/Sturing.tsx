import { useState } from 'react';
import { api } from '../../api.js';
import { BarChart, type ChartValue } from '../../components/BarChart.js';
import { DataTable } from '../../components/DataTable.js';
import { DateField, options, SelectField } from '../../components/Fields.js';
import { formatDate } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { useOrganisationNames } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';
import { useNavigateTo } from '../../router.js';
import { AREA, FIGURES, PERIOD, windowQuery, type SteeringRow } from './labels.js';
import './ops.css';

const DEFAULTS = { by: 'region', period: 'month', from: '', to: '', figure: 'vsvRegistrations' };
/** The chart compares at most this many areas (colours stay distinguishable); the table has them all. */
const MAX_SERIES = 6;
const CHARTABLE: Record<string, string> = {
  ...FIGURES,
  medianHandoverHours: 'Mediaan doorlooptijd overdracht (uren)',
  stillPlacedAfterOneYearPercent: 'Na een jaar nog geplaatst of afgerond (%)',
};

const valueOf = (row: SteeringRow, figure: string): ChartValue =>
  figure === 'medianHandoverHours'
    ? row.medianHandoverHours
    : figure === 'stillPlacedAfterOneYearPercent'
      ? row.stillPlacedAfterOneYearPercent
      : (row.figures[figure] ?? null);
const spoken = (v: ChartValue) => (v === '<10' ? 'minder dan 10' : v === null ? 'geen' : String(v));
const numeric = (v: ChartValue) => (typeof v === 'number' ? v : 0);

/**
 * Steering figures per area and period as a chart, with the same numbers in a table. Every cell under 10
 * arrives as "<10" from the monitor and is shown so, in the chart as a hatched band: small numbers could
 * point at a person in a small school or municipality.
 */
export function Sturing() {
  // The choice lives in the address too, so a chart can be bookmarked, shared and reloaded as it is.
  const [form, setForm] = useState(() => ({
    ...DEFAULTS,
    ...Object.fromEntries([...new URLSearchParams(location.search)].filter(([k]) => k in DEFAULTS)),
  }));
  const [applied, setApplied] = useState(form);
  const navigate = useNavigateTo();
  const data = useApi(
    () =>
      api<{ by: string; period: string; from: string; to: string; rows: SteeringRow[] }>('monitor', '/steering', {
        query: { by: applied.by, period: applied.period, ...windowQuery(applied) },
      }),
    [applied.by, applied.period, applied.from, applied.to],
  );
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });
  // Schools come as ids: their names from the directory. Regions and municipalities carry their CBS name (areaName).
  const schoolNames = useOrganisationNames(data.data?.by === 'school' ? data.data.rows.map((r) => r.area) : []);
  const nameOf = (row: Pick<SteeringRow, 'area' | 'areaName'>, by: string): string | null =>
    row.area === 'onbekend' ? 'Onbekend' : ((by === 'school' ? schoolNames.get(row.area) : row.areaName) ?? null);
  return (
    <>
      <PageTitle>Stuurinformatie</PageTitle>
      <p>
        Anonieme aantallen per gebied en periode. Elk aantal onder de 10 (ook 0) staat er als <strong>&lt;10</strong>: zo kan niemand uit
        een kleine school of gemeente worden herkend. Een &lt;10 is dus geen nul en geen schatting.
      </p>
      <form
        className="filters"
        aria-label="Keuze stuurinformatie"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(form);
          navigate(`/ops/sturing?${new URLSearchParams(Object.entries(form).filter(([, v]) => v))}`, true);
        }}
      >
        <SelectField
          label="Cijfer in de grafiek"
          name="figure"
          value={form.figure}
          onChange={set('figure')}
          options={options(Object.keys(CHARTABLE), CHARTABLE)}
        />
        <SelectField label="Per" name="by" value={form.by} onChange={set('by')} options={options(Object.keys(AREA), AREA)} />
        <SelectField
          label="Periode"
          name="period"
          value={form.period}
          onChange={set('period')}
          options={options(Object.keys(PERIOD), PERIOD)}
        />
        <DateField label="Vanaf" name="from" hint="Leeg: een jaar geleden" value={form.from} onChange={set('from')} />
        <DateField label="Tot en met" name="to" hint="Leeg: nu" value={form.to} onChange={set('to')} />
        <button type="submit">Toon</button>
      </form>
      {data.loading && data.data ? <p aria-live="polite">Bezig met laden...</p> : null}
      <Loading loading={data.loading && !data.data} error={data.error}>
        {() => {
          // Labels from the answer, not from the form: while a new choice loads, the old figures keep their own names.
          const { rows, from, to, by, period } = data.data!;
          const figure = applied.figure;
          const periods = [...new Set(rows.map((r) => r.period))].sort();
          const totals = new Map<string, number>();
          for (const r of rows) totals.set(r.area, (totals.get(r.area) ?? 0) + numeric(valueOf(r, figure)));
          const areas = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b)).slice(0, MAX_SERIES);
          // "Agglomeratie Amsterdam (MC21)" in the chart's legend and spoken summary; the code alone while no name is known.
          const named = (area: string) => {
            const name = nameOf(rows.find((r) => r.area === area) ?? { area, areaName: null }, by);
            return name === null ? area : area === 'onbekend' ? name : `${name} (${area})`;
          };
          const cell = (period: string, area: string) => {
            const row = rows.find((r) => r.period === period && r.area === area);
            return row ? valueOf(row, figure) : null;
          };
          const title = `${CHARTABLE[figure]} per ${PERIOD[period]!.toLowerCase()} en ${AREA[by]!.toLowerCase()}`;
          const summary = periods.map((p) => `${p}: ${areas.map((a) => `${named(a)} ${spoken(cell(p, a))}`).join(', ')}`).join('. ');
          return (
            <>
              <h2>{title}</h2>
              <p>
                Van {formatDate(from)} tot {formatDate(to)}.
                {totals.size > MAX_SERIES
                  ? ` De grafiek toont de ${MAX_SERIES} gebieden met de hoogste aantallen; de tabel eronder toont alle ${totals.size}.`
                  : ''}
              </p>
              {rows.length ? (
                <BarChart
                  title={title}
                  summary={summary || 'Geen gegevens.'}
                  series={areas.map(named)}
                  groups={periods.map((p) => ({ label: p, values: areas.map((a) => cell(p, a)) }))}
                />
              ) : null}
              <div className="breed">
                <DataTable
                  caption={`Stuurinformatie per ${PERIOD[period]!.toLowerCase()} en ${AREA[by]!.toLowerCase()} (tabel bij de grafiek, alle cijfers)`}
                  rows={rows}
                  rowKey={(r) => `${r.period}|${r.area}`}
                  empty="Geen gegevens in deze periode."
                  columns={[
                    {
                      header: 'Periode',
                      rowHeader: true,
                      cell: (r) => <Gebied period={r.period} name={nameOf(r, by)} code={r.area} />,
                    },
                    ...Object.entries(FIGURES).map(([key, label]) => ({
                      header: label,
                      cell: (r: SteeringRow) => <Suppressed value={r.figures[key] ?? null} />,
                    })),
                    { header: 'Mediaan overdracht (uren)', cell: (r: SteeringRow) => <Suppressed value={r.medianHandoverHours} /> },
                    {
                      header: 'Na een jaar nog geplaatst (%)',
                      cell: (r: SteeringRow) => <Suppressed value={r.stillPlacedAfterOneYearPercent} />,
                    },
                  ]}
                />
              </div>
            </>
          );
        }}
      </Loading>
    </>
  );
}

/** "<10" on screen, "minder dan 10" to a screen reader; "-" when there was nothing to measure. */
function Suppressed({ value }: { value: number | '<10' | null }) {
  if (value === '<10')
    return (
      <>
        <span aria-hidden="true">&lt;10</span>
        <span className="visually-hidden">minder dan 10</span>
      </>
    );
  return <>{value === null ? '-' : value}</>;
}

/** "2026-11, Agglomeratie Amsterdam (MC21)": the name first, the code as secondary text; the code alone when no name is known. */
function Gebied({ period, name, code }: { period: string; name: string | null; code: string }) {
  return (
    <>
      {period},{' '}
      {name === null || code === 'onbekend' ? (
        (name ?? code)
      ) : (
        <span className="organisatie">
          {name} <span className="organisatie-code">({code})</span>
        </span>
      )}
    </>
  );
}
