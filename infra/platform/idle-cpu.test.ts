// CPU per process from /proc/<pid>/stat: the command name may hold ") " (it is the executable's file name), and the
// fields after it must still be read from the right place.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { descendantTreesCpuSeconds, nearestAncestorRunning, parentPid, processCpuSeconds } from './idle-cpu.js';

const dir = mkdtempSync(path.join(tmpdir(), 'idle-cpu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('counts the CPU of a busy process whose command name holds ") ", alone and as a tree under its parent', async () => {
  const name = 'busy) (x y';
  symlinkSync('/bin/sh', path.join(dir, name));
  const child = spawn(path.join(dir, name), ['-c', 'while :; do :; done'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve).once('error', resolve));
  try {
    // Until it has used a few ticks, however busy the machine (a wrong field would stay NaN or 0 and time out).
    const deadline = Date.now() + 10_000;
    while (!((processCpuSeconds(child.pid!) ?? 0) >= 0.1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const alone = processCpuSeconds(child.pid!);
    const tree = descendantTreesCpuSeconds(process.pid, [name])[name];
    expect(alone).toBeGreaterThanOrEqual(0.1);
    expect(alone).toBeLessThan(5);
    expect(tree).toBeGreaterThanOrEqual(alone!);
    expect(tree! - alone!).toBeLessThan(1);
    // Asked for the command it runs, it is counted; asked for another (a pid another machine's server reported), nothing is.
    expect(processCpuSeconds(child.pid!, name)).toBeGreaterThanOrEqual(alone!);
    expect(processCpuSeconds(child.pid!, 'postgres')).toBeUndefined();
  } finally {
    child.kill('SIGKILL');
  }
  await exited;
  expect(processCpuSeconds(child.pid!)).toBeUndefined();
});

it('names a living process’s parent, and nothing for a process that is gone', async () => {
  expect(parentPid(process.pid)).toBe(process.ppid);
  const child = spawn('true');
  const childPid = child.pid!;
  expect([process.pid, undefined]).toContain(parentPid(childPid)); // undefined when it ended and was reaped already
  await new Promise((resolve) => child.on('close', resolve));
  expect(parentPid(childPid)).toBeUndefined();
});

it('finds the nearest ancestor whose command line holds a fragment, and none for a fragment no ancestor has', async () => {
  const shell = spawn('sh', ['-c', 'sleep 5 & echo $!; wait', 'ancestor-marker-7q']);
  let sleeper: number | undefined;
  try {
    sleeper = await new Promise<number>((resolve) => shell.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))));
    expect(nearestAncestorRunning(sleeper, 'ancestor-marker-7q')).toBe(shell.pid);
    expect(nearestAncestorRunning(sleeper, 'no-process-runs-this-9z')).toBeUndefined();
  } finally {
    if (sleeper) process.kill(sleeper, 'SIGKILL');
    shell.kill('SIGKILL');
  }
});
