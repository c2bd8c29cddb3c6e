// `node infra/dist/bench/profile-summary.js <dir>`: where the CPU went, per service, from the V8 profiles that
// `BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=<dir>"` leaves. Self time is grouped by package (kafkajs, pg,
// typeorm, @nestjs/*, our own libs and services, node internals, GC), so before/after runs compare at a glance.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The package a frame belongs to: a node_modules package, one of ours (`libs/x`, `services/x`), node or V8. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const ours = /\/(libs|services|infra)\/([^/]+)\//.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  if (url.startsWith('node:')) return 'node';
  return url;
}

/** Which service a profile came from: the `services/<name>` most of its frames name. */
function serviceOf(profile: CpuProfile): string {
  const counts = new Map<string, number>();
  for (const node of profile.nodes) {
    const match = /\/services\/([^/]+)\//.exec(node.callFrame.url);
    if (match) counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unknown';
}

const BELOW_PACKAGES = new Set(['node', '(native)']);

/**
 * Time per package in ms, from the samples and their time deltas (microseconds). Time in node's internals or
 * native code counts for the nearest package above it on the stack (a socket write for pg, a hash for jose), so
 * the table says which library spent it; GC and V8's own work keep their names.
 */
export function selfTimeByPackage(profile: CpuProfile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const packageAt = (id: number): string => {
    const frame = byId.get(id)!.callFrame;
    const own = packageOf(frame.url, frame.functionName);
    if (!BELOW_PACKAGES.has(own)) return own;
    for (let up = parent.get(id); up !== undefined; up = parent.get(up)) {
      const above = byId.get(up)!.callFrame;
      const pkg = packageOf(above.url, above.functionName);
      if (!BELOW_PACKAGES.has(pkg) && !pkg.startsWith('(')) return pkg;
    }
    return own;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const pkg = packageAt(id);
    totals.set(pkg, (totals.get(pkg) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return totals;
}

async function main(dir: string): Promise<void> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  for (const file of files) {
    const profile = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile;
    const totals = selfTimeByPackage(profile);
    totals.delete('(idle)');
    const busy = [...totals.values()].reduce((a, b) => a + b, 0);
    const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 12);
    process.stdout.write(`\n${serviceOf(profile)} (${file}): ${Math.round(busy)} ms busy\n`);
    for (const [pkg, ms] of top) process.stdout.write(`  ${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${pkg}\n`);
  }
}

// Run as a command only, not when a test imports the functions above.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  if (process.argv[2]) await main(process.argv[2]);
  else process.stderr.write('usage: profile-summary <directory of .cpuprofile files>\n');
}
