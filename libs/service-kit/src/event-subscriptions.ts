import type { EntityManager } from 'typeorm';
import { findEventDefinition, type CloudEvent, type EventDefinition } from '@estafette/contracts';
import type { EventHandler } from '@estafette/messaging';

type Handler<T> = (event: CloudEvent<T>, manager: EntityManager) => Promise<unknown>;
interface Declaration {
  kind: 'handles' | 'observes';
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
 * Declares the method as an observer of several event types: it sees each of them first, in the same
 * transaction, before the type's handler (the RMC's baton projection). Observing claims no type.
 */
export function ObservesEvents<T extends unknown[]>(...definitions: { [K in keyof T]: EventDefinition<T[K]> }) {
  return <H extends Handler<unknown>>(target: object, method: string | symbol, _descriptor: TypedPropertyDescriptor<H>): void =>
    declare(target, { kind: 'observes', definitions: definitions as EventDefinition[], method });
}

/** Why a service refuses to boot: its subscriptions contradict each other or name an event without a contract. */
export class SubscriptionError extends Error {}

/**
 * The consumer group's routing, read from the declarations on the given provider instances: per event type
 * its observers (in the order found), then its one handler. Throws a SubscriptionError when two handlers
 * claim one type or a declaration names a type that has no contract in @estafette/contracts.
 */
export function eventSubscriptions(instances: readonly object[]): Record<string, EventHandler> {
  const handlers = new Map<string, { name: string; run: EventHandler }>();
  const observers = new Map<string, EventHandler[]>();
  for (const instance of instances) {
    for (const declaration of declared.get(instance.constructor) ?? []) {
      const name = `${instance.constructor.name}.${String(declaration.method)}`;
      const method = (instance as Record<string | symbol, Handler<unknown>>)[declaration.method]!;
      const run: EventHandler = async (event, manager) => {
        await method.call(instance, event, manager);
      };
      for (const definition of declaration.definitions) {
        if (findEventDefinition(definition.type) !== definition) {
          throw new SubscriptionError(`${name} subscribes to ${definition.type}, which has no contract in @estafette/contracts`);
        }
        if (declaration.kind === 'observes') {
          observers.set(definition.type, [...(observers.get(definition.type) ?? []), run]);
          continue;
        }
        const claimed = handlers.get(definition.type);
        if (claimed)
          throw new SubscriptionError(`two handlers claim ${definition.type} in one consumer group: ${claimed.name} and ${name}`);
        handlers.set(definition.type, { name, run });
      }
    }
  }
  const routing: Record<string, EventHandler> = {};
  for (const type of new Set([...observers.keys(), ...handlers.keys()])) {
    const before = observers.get(type) ?? [];
    const handler = handlers.get(type)?.run;
    routing[type] = async (event, manager) => {
      for (const observe of before) await observe(event, manager);
      await handler?.(event, manager);
    };
  }
  return routing;
}
