/**
 * Thrown by a handler that refuses an event for what it says (e.g. a dataref naming a host its organisation
 * does not use): the consumer dead-letters it at once with `reason` in dlq_reason, without retrying, and
 * nothing of the handler's transaction is kept.
 */
export class RefusedEventError extends Error {
  override name = 'RefusedEventError';
  constructor(readonly reason: string) {
    super(reason);
  }
}
