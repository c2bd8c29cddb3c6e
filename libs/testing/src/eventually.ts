/**
 * Polls until the probe's value is accepted: for effects that cross the broker. Without `accept`, any value other than
 * undefined or false is accepted; with it, the predicate decides (e.g. `(n) => n >= 3`). A throwing probe counts as "not yet".
 */
export async function eventually<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
export async function eventually<T>(probe: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs?: number): Promise<T>;
export async function eventually<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  acceptOrTimeout?: ((value: T) => boolean) | number,
  timeoutArg?: number,
): Promise<T> {
  const accept =
    typeof acceptOrTimeout === 'function' ? acceptOrTimeout : (value: T | undefined | false) => value !== undefined && value !== false;
  const timeoutMs = (typeof acceptOrTimeout === 'number' ? acceptOrTimeout : timeoutArg) ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      lastError = undefined;
      if (accept(last as T)) return last as T;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const why = lastError ? `last error: ${(lastError as Error).message}` : `last value: ${safeJson(last)}`;
  throw new Error(`condition not met within ${timeoutMs} ms (${why})`);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 300) ?? String(value);
  } catch {
    return String(value);
  }
}
