import { useId } from 'react';
import './BarChart.css';

/** A value as the monitor answers it: a count, "<10" (suppressed: somewhere 0 to 9), or null (nothing to measure). */
export type ChartValue = number | '<10' | null;

export interface BarGroup {
  /** The label under the group, e.g. a period '2026-10'. */
  label: string;
  /** One bar per series, in the order of `series`. */
  values: ChartValue[];
}

const COLOURS = ['#01689b', '#a85500', '#1e6b30', '#6b2c91', '#4d4d4d', '#8a1538'];
const WIDTH = 720;
const HEIGHT = 280;
const PAD = { top: 16, right: 16, bottom: 56, left: 56 };

/**
 * A grouped bar chart as plain SVG, for people who would rather look than read. It is an image with a
 * title and a summary for screen readers (role=img, aria-labelledby); the page puts the same numbers in a
 * table next to it, which is the accessible alternative. A suppressed "<10" is drawn honestly as a hatched
 * band from 0 to 10 (the value is somewhere in it) with the text "<10", never as zero or as a guess.
 * Colours have at least 3:1 contrast to white (WCAG 1.4.11) and the legend names each series in text.
 */
export function BarChart({
  title,
  summary,
  series,
  groups,
  unit = '',
}: {
  title: string;
  summary: string;
  series: string[];
  groups: BarGroup[];
  unit?: string;
}) {
  const id = useId();
  const numbers = groups.flatMap((g) => g.values.map((v) => (v === '<10' ? 10 : (v ?? 0))));
  const max = niceMax(Math.max(10, ...numbers));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const groupW = plotW / Math.max(1, groups.length);
  const barW = Math.max(4, Math.min(40, (groupW * 0.8) / Math.max(1, series.length)));
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1].map((f) => Math.round(max * f * 10) / 10);
  const hatch = `${id}-arcering`.replace(/:/g, '');

  return (
    <figure className="grafiek">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-titel ${id}-samenvatting`} focusable="false">
        <title id={`${id}-titel`}>{title}</title>
        <desc id={`${id}-samenvatting`}>{summary}</desc>
        <defs>
          <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#fff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#4d4d4d" strokeWidth="2" />
          </pattern>
        </defs>
        {ticks.map((t) => (
          <g key={t} aria-hidden="true">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} stroke="#d0d5da" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="as-tekst">
              {t}
              {unit}
            </text>
          </g>
        ))}
        {groups.map((g, gi) => {
          const x0 = PAD.left + gi * groupW + (groupW - barW * series.length) / 2;
          return (
            <g key={g.label} aria-hidden="true">
              {g.values.map((v, si) => {
                const x = x0 + si * barW;
                if (v === null) return null;
                if (v === '<10')
                  return (
                    <g key={si} className="onderdrukt">
                      <rect
                        x={x + 1}
                        y={y(10)}
                        width={barW - 2}
                        height={y(0) - y(10)}
                        fill={`url(#${hatch})`}
                        stroke={COLOURS[si % COLOURS.length]}
                        strokeWidth="2"
                      />
                      <text x={x + barW / 2} y={y(10) - 4} textAnchor="middle" className="balk-tekst">
                        &lt;10
                      </text>
                    </g>
                  );
                return (
                  <g key={si}>
                    <rect x={x + 1} y={y(v)} width={barW - 2} height={y(0) - y(v)} fill={COLOURS[si % COLOURS.length]} />
                    <text x={x + barW / 2} y={y(v) - 4} textAnchor="middle" className="balk-tekst">
                      {v}
                    </text>
                  </g>
                );
              })}
              <text x={PAD.left + gi * groupW + groupW / 2} y={HEIGHT - PAD.bottom + 18} textAnchor="middle" className="as-tekst">
                {g.label}
              </text>
            </g>
          );
        })}
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="#1a1a1a" aria-hidden="true" />
      </svg>
      <figcaption>
        <ul className="legenda">
          {series.map((s, i) => (
            <li key={s}>
              <span className="legenda-kleur" style={{ background: COLOURS[i % COLOURS.length] }} aria-hidden="true" /> {s}
            </li>
          ))}
          {numbers.length && groups.some((g) => g.values.includes('<10')) ? (
            <li>
              <span className="legenda-kleur legenda-arcering" aria-hidden="true" /> Gearceerd met &lt;10: minder dan 10 (0 tot en met 9),
              om privacyredenen niet precies getoond
            </li>
          ) : null}
        </ul>
      </figcaption>
    </figure>
  );
}

/** 10, 20, 50, 100, ... : an axis maximum whose fifths are round numbers. */
function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
