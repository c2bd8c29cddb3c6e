import type { EntityManager } from 'typeorm';
import { findEventDefinition, type CloudEvent, type EventDefinition } from '@estafette/contracts';
import type { EventBatchHandler, EventHandler } from '@estafette/messaging';

type Handler<T> = (event: CloudEvent<T>, manager: EntityManager) => Promise<unknown>;
type BatchHandler<T> = (events: CloudEvent<T>[], manager: EntityManager) => Promise<unknown>;
interface Declaration {
  kind: 'handles' | 'handlesBatch' | 'observes';
  definitions: EventDefinition[];
  method: string | symbol;
}

const declared = new WeakMap<object, Declaration[]>();

function declare(target: object, declaration: Declaration): void {
  const owner = target.constructor;
  declared.set(owner, [...(declared.get(owner) ?? []), declaration]);
}

/**
 * Declares the method as this consumer group's one handler of an event type. The method receives the event
 * with the data type derived from the contract's schema, in the consumer's transaction (under the inbox).
 */
export function HandlesEvent<T>(definition: EventDefinition<T>) {
  return <H extends Handler<T>>(target: object, method: string | symbol, _descriptor: TypedPropertyDescriptor<H>): void =>
    declare(target, { kind: 'handles', definitions: [definition as EventDefinition], method });
}

/**
 * As HandlesEvent, for a method that takes several events of the type at once (EventBatchHandler in
 * @estafette/messaging: offset order, distinct subjects, one transaction; a throw fails them all and they are then
 * handled one by one). For a type whose per-event statements can serve many events at once. A type it handles may
 * have no observers (they would run before the whole batch, out of order).
 */
export function HandlesEventBatch<T>(definition: EventDefinition<T>) {
  return <H extends BatchHandler<T>>(target: object, method: string | symbol, _descriptor: TypedPropertyDescriptor<H>): void =>
    declare(target, { kind: 'handlesBatch', definitions: [definition as EventDefinition], method });
}

/**
 * Declares the method as an observer of several event types: it sees each of them first, in the same
 * transaction, before the type's handler (the RMC's baton projection). Observing claims no type.
 */
export function ObservesEvents<T extends unknown[]>(...definitions: { [K in keyof T]: EventDefinition<T[K]> }) {
  return <H extends Handler<unknown>>(target: object, method: string | symbol, _descriptor: TypedPropertyDescriptor<H>): void =>
    declare(target, { kind: 'observes', definitions: definitions as EventDefinition[], method });
}

/** Why a service refuses to boot: its subscriptions contradict each other or name an event without a contract. */
export class SubscriptionError extends Error {}

/** A consumer group's routing: per event type a handler (observers first, then the type's handler) or a batch handler. */
export interface EventRouting {
  handlers: Record<string, EventHandler>;
  batchHandlers: Record<string, EventBatchHandler>;
}

/**
 * The consumer group's routing, read from the declarations on the given provider instances: per event type
 * its observers (in the order found), then its one handler; or its one batch handler. Throws a SubscriptionError when
 * two handlers claim one type, a batch-handled type has observers, or a declaration names a type that has no contract
 * in @estafette/contracts.
 */
export function eventSubscriptions(instances: readonly object[]): EventRouting {
  const handlers = new Map<string, { name: string; run: EventHandler }>();
  const batchHandlers = new Map<string, { name: string; run: EventBatchHandler }>();
  const observers = new Map<string, EventHandler[]>();
  for (const instance of instances) {
    for (const declaration of declared.get(instance.constructor) ?? []) {
      const name = `${instance.constructor.name}.${String(declaration.method)}`;
      const method = (instance as Record<string | symbol, (...args: unknown[]) => Promise<unknown>>)[declaration.method]!;
      const run = async (events: unknown, manager: EntityManager) => {
        await method.call(instance, events, manager);
      };
      for (const definition of declaration.definitions) {
        if (findEventDefinition(definition.type) !== definition) {
          throw new SubscriptionError(`${name} subscribes to ${definition.type}, which has no contract in @estafette/contracts`);
        }
        if (declaration.kind === 'observes') {
          observers.set(definition.type, [...(observers.get(definition.type) ?? []), run]);
          continue;
        }
        const claimed = handlers.get(definition.type) ?? batchHandlers.get(definition.type);
        if (claimed)
          throw new SubscriptionError(`two handlers claim ${definition.type} in one consumer group: ${claimed.name} and ${name}`);
        (declaration.kind === 'handles' ? handlers : batchHandlers).set(definition.type, { name, run });
      }
    }
  }
  const routing: EventRouting = { handlers: {}, batchHandlers: {} };
  for (const [type, { name, run }] of batchHandlers) {
    if (observers.has(type))
      throw new SubscriptionError(`${name} handles ${type} in batches, but ${type} has observers: handle it one event at a time`);
    routing.batchHandlers[type] = run;
  }
  for (const type of new Set([...observers.keys(), ...handlers.keys()])) {
    const before = observers.get(type) ?? [];
    const handler = handlers.get(type)?.run;
    routing.handlers[type] = async (event, manager) => {
      for (const observe of before) await observe(event, manager);
      await handler?.(event, manager);
    };
  }
  return routing;
}
