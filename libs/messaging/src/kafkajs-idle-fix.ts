import { createRequire } from 'node:module';

/** The slice of kafkajs' (internal) per-connection request queue the fix touches. */
interface RequestQueue {
  pending: unknown[];
  inflight: Map<number, { sentAt: number; requestTimeout: number; timeoutRequest(): void }>;
  enforceRequestTimeout: boolean;
  requestTimeout: number;
  requestTimeoutIntervalId?: NodeJS.Timeout;
  isConnected(): boolean;
  destroy(): void;
  scheduleRequestTimeoutCheck(): void;
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** How soon a queue with pending requests looks again when not throttled, in ms (kafkajs' own constant). */
const CHECK_PENDING_REQUESTS_INTERVAL = 10;
/**
 * How often a connection looks for requests past their timeout, in ms (kafkajs: 100; requests time out after 30 s).
 * Each check wakes the process: a service holds four or so broker connections, and at one check a second these were
 * about half of an idle service's wake-ups (strace, issue 19).
 */
const REQUEST_TIMEOUT_CHECK_MS = 5_000;

/**
 * kafkajs 2.2.4 re-arms a timer after every check of a connection's pending requests, with a negative delay when none
 * is pending and none is throttled: a 1 ms timer loop per broker connection for the client's whole life, the largest
 * part of an idle service's CPU (kafkajs issues #1556, #1704; fix proposed in pull request #1667, not released). This
 * schedules a check only while requests are pending, as the queue's own comment intends: a request pushed later
 * schedules one, and one completing checks the queue itself. And each connection looks for timed-out requests every five
 * seconds instead of ten times a second (a 30 s timeout then fires up to five seconds late). Applied once, when the messaging
 * library is loaded; both are kafkajs' own methods with only the timing changed.
 */
export function fixKafkajsIdleLoop(): void {
  const require = createRequire(import.meta.url);
  const RequestQueueClass = require('kafkajs/src/network/requestQueue/index.js') as { prototype: RequestQueue };
  RequestQueueClass.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueue) {
    if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
    const untilUnthrottled = this.throttledUntil - Date.now();
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL,
    );
  };
  RequestQueueClass.prototype.scheduleRequestTimeoutCheck = function scheduleRequestTimeoutCheck(this: RequestQueue) {
    if (!this.enforceRequestTimeout) return;
    this.destroy();
    this.requestTimeoutIntervalId = setInterval(
      () => {
        this.inflight.forEach((request) => {
          if (Date.now() - request.sentAt > request.requestTimeout) request.timeoutRequest();
        });
        if (!this.isConnected()) this.destroy();
      },
      Math.min(this.requestTimeout, REQUEST_TIMEOUT_CHECK_MS),
    );
  };
}
