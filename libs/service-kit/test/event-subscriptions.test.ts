import { describe, expect, test } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import {
  createEvent,
  overdrachtAccepted,
  overdrachtRejected,
  uitschrijvingRegistered,
  type CloudEvent,
  type EventDefinition,
  type OverdrachtAcceptedData,
  type UitschrijvingRegisteredData,
} from '@estafette/contracts';
import { eventSubscriptions, HandlesEvent, HandlesEventBatch, ObservesEvents, SubscriptionError } from '../src/index.js';

const manager = {} as EntityManager;
const seen: string[] = [];

class FollowsAnswers {
  @HandlesEvent(overdrachtAccepted)
  async accepted(event: CloudEvent<OverdrachtAcceptedData>): Promise<void> {
    seen.push(`accepted ${event.data.overdrachtId}`);
  }
}

class AlsoFollowsAnswers {
  @HandlesEvent(overdrachtAccepted)
  async accepted(): Promise<void> {}
}

class Projection {
  @ObservesEvents(overdrachtAccepted, overdrachtRejected)
  async observe(event: CloudEvent): Promise<void> {
    seen.push(`observed ${event.type}`);
  }
}

class Registers {
  @HandlesEvent(uitschrijvingRegistered)
  async registered(event: CloudEvent<UitschrijvingRegisteredData>): Promise<void> {
    seen.push(`registered ${event.data.schoolType}`);
  }
}

class RegistersInBatches {
  @HandlesEventBatch(uitschrijvingRegistered)
  async registered(events: CloudEvent<UitschrijvingRegisteredData>[]): Promise<void> {
    seen.push(`registered ${events.map((e) => e.data.schoolType).join(' and ')}`);
  }
}

class ObservesRegistrations {
  @ObservesEvents(uitschrijvingRegistered)
  async observe(): Promise<void> {}
}

const invented: EventDefinition<{ overdrachtId: string }> = { ...overdrachtRejected, type: 'nl.estafette.overdracht.invented.v1' } as never;
class HandlesInvented {
  @HandlesEvent(invented)
  async invented(): Promise<void> {}
}

describe('event subscriptions declared on the handler', () => {
  test('routes each type to its one handler, observers first, with the typed event', async () => {
    seen.length = 0;
    const { handlers: routing, batchHandlers } = eventSubscriptions([new Projection(), new FollowsAnswers(), new Registers()]);
    expect(Object.keys(routing).sort()).toEqual([overdrachtAccepted.type, overdrachtRejected.type, uitschrijvingRegistered.type].sort());
    expect(batchHandlers).toEqual({});
    await routing[overdrachtAccepted.type]!(overdrachtAccepted.example, manager);
    await routing[overdrachtRejected.type]!(overdrachtRejected.example, manager);
    await routing[uitschrijvingRegistered.type]!(createEvent(uitschrijvingRegistered, uitschrijvingRegistered.example), manager);
    expect(seen).toEqual([
      `observed ${overdrachtAccepted.type}`,
      `accepted ${overdrachtAccepted.example.data.overdrachtId}`,
      `observed ${overdrachtRejected.type}`,
      `registered ${uitschrijvingRegistered.example.data.schoolType}`,
    ]);
  });

  test('refuses to boot when two handlers claim one type in one consumer group, naming both', () => {
    expect(() => eventSubscriptions([new FollowsAnswers(), new AlsoFollowsAnswers()])).toThrow(SubscriptionError);
    expect(() => eventSubscriptions([new FollowsAnswers(), new AlsoFollowsAnswers()])).toThrow(
      `two handlers claim ${overdrachtAccepted.type} in one consumer group: FollowsAnswers.accepted and AlsoFollowsAnswers.accepted`,
    );
  });

  test('refuses to boot when a handler names a type that has no contract', () => {
    expect(() => eventSubscriptions([new HandlesInvented()])).toThrow(
      'HandlesInvented.invented subscribes to nl.estafette.overdracht.invented.v1, which has no contract in @estafette/contracts',
    );
  });

  test('an observer claims no type: it may sit beside the handler of every type it observes', () => {
    expect(() => eventSubscriptions([new Projection(), new Projection(), new FollowsAnswers()])).not.toThrow();
  });

  test('routes a batch-handled type to its batch handler, which gets the events together', async () => {
    seen.length = 0;
    const { handlers, batchHandlers } = eventSubscriptions([new RegistersInBatches(), new FollowsAnswers()]);
    expect(Object.keys(handlers)).toEqual([overdrachtAccepted.type]);
    expect(Object.keys(batchHandlers)).toEqual([uitschrijvingRegistered.type]);
    const event = (schoolType: 'mbo' | 'vo') =>
      createEvent(uitschrijvingRegistered, {
        ...uitschrijvingRegistered.example,
        data: { ...uitschrijvingRegistered.example.data, schoolType },
      });
    await batchHandlers[uitschrijvingRegistered.type]!([event('mbo'), event('vo')], manager);
    expect(seen).toEqual(['registered mbo and vo']);
  });

  test('refuses a batch handler beside another handler of its type, or beside observers of it', () => {
    expect(() => eventSubscriptions([new Registers(), new RegistersInBatches()])).toThrow(
      `two handlers claim ${uitschrijvingRegistered.type} in one consumer group: Registers.registered and RegistersInBatches.registered`,
    );
    expect(() => eventSubscriptions([new RegistersInBatches(), new ObservesRegistrations()])).toThrow(
      `RegistersInBatches.registered handles ${uitschrijvingRegistered.type} in batches, but ${uitschrijvingRegistered.type} has observers`,
    );
  });
});
