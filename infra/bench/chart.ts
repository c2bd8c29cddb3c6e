// The benchmark's chart, as an SVG written by code: throughput against raw Kafka, latency percentiles,
// and each service's peak memory against its 250 MB budget.
import type { ChainResult } from './chain/targets.js';

interface Bar {
  label: string;
  value: number;
  colour?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** One horizontal bar panel at vertical offset y; a dashed line marks the target when given. */
function panel(y: number, title: string, unit: string, bars: Bar[], target?: number): { svg: string; height: number } {
  const width = 760;
  const left = 250;
  const barH = 18;
  const max = Math.max(target ?? 0, ...bars.map((b) => (Number.isFinite(b.value) ? b.value : 0))) * 1.1 || 1;
  const scale = (v: number) => ((width - left - 80) * Math.max(0, v)) / max;
  const parts = [`<text x="10" y="${y + 16}" font-weight="bold">${esc(title)}</text>`];
  bars.forEach((b, i) => {
    const by = y + 28 + i * (barH + 6);
    const v = Number.isFinite(b.value) ? b.value : 0;
    parts.push(
      `<text x="${left - 8}" y="${by + 13}" text-anchor="end">${esc(b.label)}</text>`,
      `<rect x="${left}" y="${by}" width="${scale(v).toFixed(1)}" height="${barH}" fill="${b.colour ?? '#3b6ea5'}"/>`,
      `<text x="${left + scale(v) + 6}" y="${by + 13}">${Number.isFinite(b.value) ? `${b.value} ${unit}` : 'n/a'}</text>`,
    );
  });
  const height = 36 + bars.length * (barH + 6);
  if (target !== undefined) {
    const tx = left + scale(target);
    parts.push(
      `<line x1="${tx}" y1="${y + 22}" x2="${tx}" y2="${y + height}" stroke="#c0392b" stroke-dasharray="4 3"/>`,
      `<text x="${tx + 4}" y="${y + 22}" fill="#c0392b" font-size="11">target ${target} ${unit}</text>`,
    );
  }
  return { svg: parts.join('\n'), height: height + 16 };
}

export function chainChart(r: ChainResult, at: string): string {
  const panels: { svg: string; height: number }[] = [];
  let y = 40;
  const add = (p: (y: number) => { svg: string; height: number }) => {
    const made = p(y);
    panels.push(made);
    y += made.height;
  };
  add((y) =>
    panel(
      y,
      'End-to-end throughput (school API to RMC task stored) against raw kafkajs',
      '/s',
      [
        { label: 'platform at saturation', value: r.saturation.endToEndPerSecond },
        { label: 'raw kafkajs produce+consume', value: r.rawKafka.endToEndPerSecond, colour: '#7f8c8d' },
      ],
      1000,
    ),
  );
  add((y) =>
    panel(
      y,
      'Latency, accepted to task stored',
      'ms',
      [
        { label: 'p50 at 100/s', value: r.fixed100.latency.p50Ms },
        { label: 'p95 at 100/s', value: r.fixed100.latency.p95Ms },
        { label: 'p99 at 100/s', value: r.fixed100.latency.p99Ms },
        { label: `p50 at ${r.fixedHalf.ratePerSecond}/s (50%)`, value: r.fixedHalf.latency.p50Ms, colour: '#5d8aa8' },
        { label: `p95 at ${r.fixedHalf.ratePerSecond}/s (50%)`, value: r.fixedHalf.latency.p95Ms, colour: '#5d8aa8' },
        { label: `p99 at ${r.fixedHalf.ratePerSecond}/s (50%)`, value: r.fixedHalf.latency.p99Ms, colour: '#5d8aa8' },
      ],
      250,
    ),
  );
  add((y) =>
    panel(
      y,
      'Peak RSS per service process (VmHWM)',
      'MB',
      Object.entries(r.peakRssMb.lifetime).map(([label, value]) => ({ label, value })),
      250,
    ),
  );
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="780" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">Estafette benchmark ${esc(at)}</text>`,
    ...panels.map((p) => p.svg),
    '</svg>',
  ].join('\n');
}
