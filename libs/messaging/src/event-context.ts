import { AsyncLocalStorage } from 'node:async_hooks';

/** The event being handled, for logs: one young person's journey can be followed by event id and trace. */
export interface EventLogContext {
  eventId: string;
  eventType: string;
  traceparent?: string;
}

const storage = new AsyncLocalStorage<EventLogContext>();

/** The event whose handling the current code runs in, if any (also inside the handler's own awaits). */
export function currentEventContext(): EventLogContext | undefined {
  return storage.getStore();
}

export function withEventContext<T>(context: EventLogContext, work: () => T): T {
  return storage.run(context, work);
}
