// CPU per process from /proc/<pid>/stat: the command name may hold ") " (it is the executable's file name), and the
// fields after it must still be read from the right place.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { descendantTreesCpuSeconds, processCpuSeconds } from './idle-cpu.js';

const dir = mkdtempSync(path.join(tmpdir(), 'idle-cpu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('counts the CPU of a busy process whose command name holds ") ", alone and as a tree under its parent', async () => {
  const name = 'busy) (x y';
  symlinkSync('/bin/sh', path.join(dir, name));
  const child = spawn(path.join(dir, name), ['-c', 'while :; do :; done'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => setTimeout(resolve, 600));
    const alone = processCpuSeconds(child.pid!);
    const tree = descendantTreesCpuSeconds(process.pid, [name])[name];
    expect(alone).toBeGreaterThanOrEqual(0.1);
    expect(alone).toBeLessThan(5);
    expect(tree).toBeGreaterThanOrEqual(alone!);
    expect(tree! - alone!).toBeLessThan(1);
  } finally {
    child.kill('SIGKILL');
  }
  await new Promise((resolve) => child.once('exit', resolve));
  expect(processCpuSeconds(child.pid!)).toBeUndefined();
});
