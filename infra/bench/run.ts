// `npm run bench`: runs the `bench` script of every workspace package that has one (infra's is the chain
// benchmark over service processes; consent measures its decisions in-process) and writes
// bench-results/<timestamp>.json, .md (targets beside measurements) and .svg (the chart).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { chainChart } from './chart.js';
import type { ChainResult } from './chain/targets.js';

interface PackageBench {
  name: string;
  dir: string;
}

interface BenchOutcome {
  package: string;
  exitCode: number;
  result?: Record<string, unknown>;
  outputTail?: string;
}

// Compiled to infra/dist/bench/run.js: three levels up is the repository root.
const root = path.resolve(import.meta.dirname, '..', '..', '..');

async function packagesWithBench(): Promise<PackageBench[]> {
  const { workspaces } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  const { readdir } = await import('node:fs/promises');
  const dirs = (
    await Promise.all(
      workspaces.map(async (pattern) => {
        if (!pattern.endsWith('/*')) return [path.join(root, pattern)];
        const parent = path.join(root, pattern.slice(0, -2));
        return (await readdir(parent, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => path.join(parent, d.name));
      }),
    )
  ).flat();
  const found: PackageBench[] = [];
  for (const dir of dirs) {
    try {
      const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { name: string; scripts?: Record<string, string> };
      if (pkg.scripts?.bench) found.push({ name: pkg.name, dir });
    } catch {
      // not a package
    }
  }
  return found;
}

async function runOne(bench: PackageBench, resultFile: string): Promise<BenchOutcome> {
  process.stderr.write(`[bench] ${bench.name}\n`);
  const child = spawn('npm', ['run', '--silent', 'bench'], {
    cwd: bench.dir,
    env: { ...process.env, BENCH_RESULT_FILE: resultFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    process.stderr.write(chunk);
  });
  const exitCode = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  const fromFile = await readFile(resultFile, 'utf8').catch(() => undefined);
  const lastJson = output
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.trim().startsWith('{'));
  let result: Record<string, unknown> | undefined;
  try {
    result = JSON.parse(fromFile ?? output.trim()) as Record<string, unknown>;
  } catch {
    try {
      result = lastJson ? (JSON.parse(lastJson) as Record<string, unknown>) : undefined;
    } catch {
      result = undefined;
    }
  }
  return { package: bench.name, exitCode, result, ...(result ? {} : { outputTail: output.slice(-2_000) }) };
}

interface TargetRow {
  what: string;
  target: string;
  measured: string;
  met: boolean;
  limitedBy?: string;
}

interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  loadAverageBefore: number[];
  loadAverageAfter?: number[];
}

function machine(): Machine {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAverageBefore: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

function markdown(outcomes: BenchOutcome[], at: string, host: Machine, chart?: string): string {
  const lines = [
    `# Benchmark results (${at})`,
    '',
    `Machine: ${host.cpus} cores (${host.cpuModel}), ${host.memoryGb} GB; load average (1/5/15 min) ${host.loadAverageBefore.join(' / ')} before, ${host.loadAverageAfter?.join(' / ')} after.`,
    '',
  ];
  if (chart) lines.push(`![chart](${chart})`, '');
  // Every package's targets in one table first: the measures side by side, from one run.
  const chainFirst = [...outcomes].sort((a, b) => Number(Boolean(b.result?.detail)) - Number(Boolean(a.result?.detail)));
  const all = chainFirst.flatMap((o) => (Array.isArray(o.result?.targets) ? (o.result.targets as TargetRow[]) : []));
  if (all.length) {
    lines.push('## Targets (issue 19)', '', '| measure | target | measured | met |', '|---|---|---|---|');
    for (const t of all) lines.push(`| ${t.what} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`);
    lines.push('');
  }
  for (const o of outcomes) {
    lines.push(`## ${String(o.result?.name ?? o.package)}`, '');
    if (o.exitCode !== 0) lines.push(`**failed** (exit ${o.exitCode})`, '', '```', o.outputTail ?? '', '```', '');
    const targets = o.result?.targets;
    if (Array.isArray(targets)) {
      lines.push('| target | wanted | measured | met | what limits it |', '|---|---|---|---|---|');
      for (const t of targets as TargetRow[]) {
        lines.push(`| ${t.what} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} | ${t.limitedBy ?? ''} |`);
      }
      lines.push('');
    }
    const metrics = (o.result?.metrics ?? o.result ?? {}) as Record<string, unknown>;
    lines.push('| metric | value |', '|---|---|');
    for (const [k, v] of Object.entries(metrics)) lines.push(`| ${k} | ${typeof v === 'object' ? JSON.stringify(v) : String(v)} |`);
    if (targets && !Array.isArray(targets)) lines.push('', `Targets: ${JSON.stringify(targets)}; met: ${String(o.result?.met ?? 'n/a')}`);
    if (o.result?.note) lines.push('', String(o.result.note));
    lines.push('');
  }
  return lines.join('\n');
}

const host = machine();
const benches = await packagesWithBench();
const scratch = await mkdtemp(path.join(tmpdir(), 'estafette-bench-'));
const outcomes: BenchOutcome[] = [];
for (const [i, bench] of benches.entries()) outcomes.push(await runOne(bench, path.join(scratch, `${i}.json`)));
await rm(scratch, { recursive: true, force: true });
host.loadAverageAfter = os.loadavg().map((l) => Math.round(l * 100) / 100);

const at = new Date().toISOString();
const stamp = at.replace(/[:.]/g, '-');
const out = path.join(root, 'bench-results');
await mkdir(out, { recursive: true });
const chain = outcomes.find((o) => o.result?.detail && (o.result.detail as Partial<ChainResult>).saturation);
let chartFile: string | undefined;
if (chain) {
  chartFile = `${stamp}.svg`;
  await writeFile(path.join(out, chartFile), chainChart(chain.result!.detail as ChainResult, at));
}
const summary = markdown(outcomes, at, host, chartFile);
await writeFile(path.join(out, `${stamp}.json`), JSON.stringify({ at, node: process.version, machine: host, results: outcomes }, null, 2));
await writeFile(path.join(out, `${stamp}.md`), summary);
process.stdout.write(summary);
process.stderr.write(`[bench] written to bench-results/${stamp}.{json,md${chartFile ? ',svg' : ''}}\n`);
process.exit(outcomes.every((o) => o.exitCode === 0) ? 0 : 1);
