import { createRequire } from 'node:module';
import { expect, it } from '@jest/globals';
import { logLevel } from 'kafkajs';
import { kafkaAccess } from '@estafette/testing';
import { createKafka } from '../src/index.js';

// kafkajs 2.2.4 checks a connection's pending requests on a 1 ms timer loop for as long as the client lives, idle or
// not (issue #1556); the messaging library fixes that when it loads. Counted on a connected, idle producer.
it('an idle connected client does not spin on the pending-request check', async () => {
  const require = createRequire(import.meta.url);
  const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as { prototype: { checkPendingRequests(): void } };
  const original = RequestQueue.prototype.checkPendingRequests;
  let checks = 0;
  RequestQueue.prototype.checkPendingRequests = function (this: unknown) {
    checks++;
    return original.call(this);
  };
  const producer = createKafka({ ...kafkaAccess(), clientId: 'idle-fix-test', logLevel: logLevel.NOTHING }).producer();
  try {
    await producer.connect();
    checks = 0;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Unfixed: hundreds a second. Fixed: only when a request completes or waits, and an idle producer sends none.
    expect(checks).toBeLessThan(20);
  } finally {
    await producer.disconnect();
    RequestQueue.prototype.checkPendingRequests = original;
  }
});
