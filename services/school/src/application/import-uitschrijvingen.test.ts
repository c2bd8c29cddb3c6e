import { describe, expect, test } from '@jest/globals';
import { importUitschrijvingen, type ImportRow, type RowResult } from './import-uitschrijvingen.js';
import type { OutboxHold } from '@estafette/messaging';
import type { RegisterUitschrijving, UitschrijvingInput } from './register-uitschrijving.js';

const input = (ref: string) => ({ schoolReference: ref }) as Omit<UitschrijvingInput, 'schoolId'>;

/** A register that records when each batch starts and lets the test finish it; no database. */
function controlledRegister() {
  const started: string[][] = [];
  const holds: (string | undefined)[] = [];
  const finish: (() => void)[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const register = {
    executeBatch: async (_schoolId: string, inputs: UitschrijvingInput[], hold?: OutboxHold) => {
      started.push(inputs.map((i) => i.schoolReference));
      holds.push(hold?.id);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      await new Promise<void>((resolve) => finish.push(resolve));
      inFlight--;
      if (inputs.some((i) => i.schoolReference === 'FAIL')) throw new Error('batch failed');
      return inputs.map((i) => ({ id: `id-${i.schoolReference}`, created: true }));
    },
  } as unknown as RegisterUitschrijving;
  return {
    register,
    started,
    holds,
    finishAll: () => finish.splice(0).forEach((f) => f()),
    inFlight: () => inFlight,
    mostInFlight: () => mostInFlight,
  };
}

async function* rowsOf(refs: string[], failAfter?: number): AsyncGenerator<ImportRow> {
  for (const [i, ref] of refs.entries()) {
    if (i === failAfter) throw new Error('upload unreadable');
    yield ref === 'BAD' ? { row: i + 1, errors: [{ field: 'x', reason: 'bad' }] } : { row: i + 1, schoolReference: ref, input: input(ref) };
  }
}

async function collect(results: AsyncGenerator<RowResult[]>, control: ReturnType<typeof controlledRegister>) {
  const batches: RowResult[][] = [];
  const ticker = setInterval(control.finishAll, 1);
  try {
    for await (const batch of results) batches.push(batch);
    return batches;
  } finally {
    clearInterval(ticker);
  }
}

describe('the bulk import writes one batch while it reads the next', () => {
  test('results come per batch in row order, rejected rows in place, and never two batches in flight', async () => {
    const control = controlledRegister();
    const refs = ['A', 'BAD', 'B', 'C', 'D', 'E', 'F'];
    const batches = await collect(importUitschrijvingen(control.register, 'brin:25XY', rowsOf(refs), 2), control);
    expect(batches.map((b) => b.map((r) => r.row))).toEqual([[1, 2], [3, 4], [5, 6], [7]]);
    expect(batches.flat().map((r) => r.status)).toEqual([
      'accepted',
      'rejected',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ]);
    expect(control.started).toEqual([['A'], ['B', 'C'], ['D', 'E'], ['F']]);
    expect(control.mostInFlight()).toBe(1);
  });

  test('a hold is renewed only between batches, never while one is written, and each batch is staged under the id of its time', async () => {
    const control = controlledRegister();
    const inFlightAtRenewal: number[] = [];
    let renewals = 0;
    const hold = {
      id: 'hold-0',
      async renewIfDue() {
        inFlightAtRenewal.push(control.inFlight());
        this.id = `hold-${++renewals}`;
        return 0;
      },
    };
    await collect(
      importUitschrijvingen(control.register, 'brin:25XY', rowsOf(['A', 'B', 'C', 'D', 'E']), 2, hold as unknown as OutboxHold),
      control,
    );
    expect(control.started).toEqual([['A', 'B'], ['C', 'D'], ['E']]);
    expect(inFlightAtRenewal).toEqual([0, 0, 0]);
    expect(control.holds).toEqual(['hold-1', 'hold-2', 'hold-3']);
  });

  test('a committed batch is reported while the upload is slow to send the next rows', async () => {
    const control = controlledRegister();
    let sendRest!: () => void;
    const restSent = new Promise<void>((resolve) => (sendRest = resolve));
    async function* slowUpload(): AsyncGenerator<ImportRow> {
      yield { row: 1, input: input('A') };
      yield { row: 2, input: input('B') };
      await restSent; // the client has not sent more yet
      yield { row: 3, input: input('C') };
    }
    const results = importUitschrijvingen(control.register, 'brin:25XY', slowUpload(), 2);
    const ticker = setInterval(control.finishAll, 1);
    try {
      const first = await results.next();
      expect(first.value).toMatchObject([
        { row: 1, status: 'accepted' },
        { row: 2, status: 'accepted' },
      ]);
      sendRest();
      const rest: RowResult[] = [];
      for await (const batch of { [Symbol.asyncIterator]: () => results }) rest.push(...batch);
      expect(rest.map((r) => r.row)).toEqual([3]);
    } finally {
      clearInterval(ticker);
    }
  });

  test('a read failure reports the batch in flight before it ends the import', async () => {
    const control = controlledRegister();
    const results = importUitschrijvingen(control.register, 'brin:25XY', rowsOf(['A', 'B', 'C', 'D', 'E'], 3), 2);
    const seen: number[] = [];
    const ticker = setInterval(control.finishAll, 1);
    try {
      await expect(
        (async () => {
          for await (const batch of results) seen.push(...batch.map((r) => r.row));
        })(),
      ).rejects.toThrow('upload unreadable');
    } finally {
      clearInterval(ticker);
    }
    expect(seen).toEqual([1, 2]);
  });

  test('a failed batch ends the import with its error; the batch after it is not written', async () => {
    const control = controlledRegister();
    const results = importUitschrijvingen(control.register, 'brin:25XY', rowsOf(['A', 'FAIL', 'C', 'D', 'E', 'F']), 2);
    const seen: number[] = [];
    const ticker = setInterval(control.finishAll, 1);
    try {
      await expect(
        (async () => {
          for await (const batch of results) seen.push(...batch.map((r) => r.row));
        })(),
      ).rejects.toThrow('batch failed');
    } finally {
      clearInterval(ticker);
    }
    expect(seen).toEqual([]);
    expect(control.started).toEqual([['A', 'FAIL']]);
  });
});
