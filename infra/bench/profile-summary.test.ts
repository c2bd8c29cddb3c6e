import { describe, expect, it } from '@jest/globals';
import { packageOf, selfTimeByPackage } from './profile-summary.js';

describe('profile summary', () => {
  it('names the package of a frame: scoped and plain node_modules, our libs and services, node, V8', () => {
    expect(packageOf('file:///r/node_modules/@nestjs/core/router/router-explorer.js', 'x')).toBe('@nestjs/core');
    expect(packageOf('file:///r/node_modules/typeorm/node_modules/debug/src/index.js', 'x')).toBe('debug');
    expect(packageOf('file:///r/node_modules/pg/lib/client.js', 'x')).toBe('pg');
    expect(packageOf('file:///r/libs/messaging/dist/consumer/event-consumer.js', 'x')).toBe('libs/messaging');
    expect(packageOf('file:///r/services/rmc/dist/main.js', 'x')).toBe('services/rmc');
    expect(packageOf('node:internal/streams/readable', 'x')).toBe('node');
    expect(packageOf('', '(garbage collector)')).toBe('(garbage collector)');
  });

  it("adds time per package from the samples and their deltas, node's internals counted for the package calling them", () => {
    const frame = (id: number, url: string, children: number[] = []) => ({ id, callFrame: { functionName: 'f', url }, children });
    const totals = selfTimeByPackage({
      nodes: [
        frame(1, 'file:///r/node_modules/pg/lib/client.js', [3]),
        frame(2, 'file:///r/libs/auth/dist/verify.js'),
        frame(3, 'node:net', [4]),
        frame(4, ''),
      ],
      samples: [1, 2, 1, 1, 3, 4],
      timeDeltas: [1000, 3000, 500, 1500, 2000, 250],
      startTime: 0,
      endTime: 8250,
    });
    expect(Object.fromEntries(totals)).toEqual({ pg: 5.25, 'libs/auth': 3 });
  });
});
