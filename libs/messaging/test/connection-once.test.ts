import { describe, expect, it } from '@jest/globals';
import { ConnectionOnce } from '../src/connection-once.js';

describe('ConnectionOnce', () => {
  it('shares one attempt among callers, forgets a failed one, and forget() hands back what was made', async () => {
    const outcomes: (() => Promise<string>)[] = [() => Promise.reject(new Error('broker down')), async () => 'connected'];
    let attempts = 0;
    const connection = new ConnectionOnce(() => outcomes[attempts++]!());
    expect(connection.started).toBe(false);

    const [first, second] = [connection.get(), connection.get()];
    expect(first).toBe(second);
    await expect(first).rejects.toThrow('broker down');
    expect(connection.started).toBe(false);

    await expect(connection.get()).resolves.toBe('connected');
    await expect(connection.get()).resolves.toBe('connected');
    expect(attempts).toBe(2);
    await expect(connection.forget()).resolves.toBe('connected');
    expect(connection.started).toBe(false);
    await expect(connection.forget()).resolves.toBeUndefined();
  });

  it('a failure of an attempt that was forgotten meanwhile does not drop the newer one', async () => {
    let fail: ((error: Error) => void) | undefined;
    const connection = new ConnectionOnce<string>(() => (fail ? Promise.resolve('newer') : new Promise((_, reject) => (fail = reject))));
    const old = connection.get();
    const forgotten = connection.forget(); // resolves once the old attempt settles
    await expect(connection.get()).resolves.toBe('newer');
    fail!(new Error('late'));
    await expect(old).rejects.toThrow('late');
    await expect(forgotten).resolves.toBeUndefined();
    expect(connection.started).toBe(true);
  });
});
