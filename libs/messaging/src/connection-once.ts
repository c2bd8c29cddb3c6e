/**
 * A connection made once and shared by every caller; a failed attempt is forgotten, so the next `get()` tries again
 * (a broker that did not answer at start, back later). `forget()` drops the attempt, made or still under way.
 * Source: design (a service starts while the broker is down).
 */
export class ConnectionOnce<T> {
  private attempt?: Promise<T>;

  constructor(private readonly connect: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.attempt) {
      const attempt = this.connect().catch((error: unknown) => {
        // Only this attempt's own memory: a forget() and a new attempt may have come meanwhile.
        if (this.attempt === attempt) this.attempt = undefined;
        throw error;
      });
      this.attempt = attempt;
    }
    return this.attempt;
  }

  /** Drops the attempt; resolves, once it settled, to the connection it made (undefined when there was none or it failed). */
  async forget(): Promise<T | undefined> {
    const attempt = this.attempt;
    this.attempt = undefined;
    return attempt?.catch(() => undefined);
  }

  /** Whether an attempt is made or under way. */
  get started(): boolean {
    return this.attempt !== undefined;
  }
}
