import { describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Supervisor } from './supervisor.js';

// Ctrl-C signals every service at once; once the platform stops, their exits must not start them again.
describe('Supervisor.halt', () => {
  const schedule = { firstDelayMs: 50, maxDelayMs: 50, stableAfterMs: 60_000 };
  const sleeper = () => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });

  test('a process that exits after halt() is not started again', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ name: 'svc', spawn: sleeper, log: (l) => lines.push(l), schedule });
    const first = supervisor.current;
    supervisor.halt();
    first.kill('SIGINT');
    await once(first, 'exit');
    await new Promise((r) => setTimeout(r, 300));
    expect(supervisor.restarts).toBe(0);
    expect(supervisor.current).toBe(first);
    expect(lines).toEqual([]);
  });

  test('without halt() the same exit is restarted (the test above can fail)', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ name: 'svc', spawn: sleeper, log: (l) => lines.push(l), schedule });
    const first = supervisor.current;
    first.kill('SIGINT');
    await once(first, 'exit');
    await new Promise((r) => setTimeout(r, 300));
    expect(supervisor.restarts).toBe(1);
    expect(lines[0]).toMatch(/^svc exited with signal SIGINT; restarting in 0.05 s \(attempt 1\)$/);
    await supervisor.stop();
  });
});
