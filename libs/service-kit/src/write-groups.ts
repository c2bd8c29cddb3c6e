export interface WriteGroupsOptions {
  /** Most items in one group (one call of the group writer). */
  maxGroup: number;
  /** Groups in the database at once; items arriving meanwhile wait for the next group. */
  inFlight: number;
  /**
   * When a group of more than one fails, write each of its items again alone (default true), so an item fails only for
   * its own reason. False rejects every item of the group with the group's error: for groups that depend on the group
   * before them (a hash chain), where one item alone fails for the same reason as its group.
   */
  isolateFailures?: boolean;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for single writes (issue 19): a write that arrives while `inFlight` groups are in the database waits and
 * goes with the others that arrived meanwhile in the next group, one call of `writeGroup` (one statement, one round
 * trip, one commit). At low load every write goes alone at once, so waiting costs nothing; under load one round trip
 * serves many. Each socket write to the database costs the sender the receiver's wake-up, the largest single item in the
 * school's intake profile.
 *
 * `writeGroup(items)` answers one result per item, in order, or throws for the group. It is called in the order the
 * groups are formed, synchronously as each group starts, so what it does before its first await happens in group order.
 * When a group of more than one fails, each of its items is written again alone, so a write fails only for its own
 * reason (a group is one transaction: all or nothing), unless `isolateFailures` is false. Source: design.
 */
export class WriteGroups<T, R> {
  private readonly waiting: Waiting<T, R>[] = [];
  private inFlight = 0;

  constructor(
    private readonly writeGroup: (items: T[]) => Promise<R[]>,
    private readonly options: WriteGroupsOptions,
  ) {}

  /** The item's result once its group committed; rejects with the item's own error. */
  write(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.inFlight && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.options.maxGroup);
      this.inFlight++;
      void this.writeOrIsolate(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async writeOrIsolate(group: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.writeGroup(group.map((w) => w.item));
      if (results.length !== group.length) throw new Error(`a group of ${group.length} answered ${results.length} results`);
      group.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (group.length === 1 || this.options.isolateFailures === false) return group.forEach((w) => w.reject(error));
      await Promise.all(group.map((w) => this.writeOrIsolate([w])));
    }
  }
}
