import { CreateMessagingInbox1767225600001 } from './create-inbox.js';
import { CreateMessagingOutbox1767225600000 } from './create-outbox.js';
import { HoldOutboxRows1769000000000 } from './hold-outbox-rows.js';
import { InboxRecord } from '../inbox/inbox-record.entity.js';
import { OutboxRecord } from '../outbox/outbox-record.entity.js';

/** Add these to each service's own `migrations` list (no `synchronize`). */
export const messagingMigrations = [CreateMessagingOutbox1767225600000, CreateMessagingInbox1767225600001, HoldOutboxRows1769000000000];

/** Add these to each service's own `entities` list. */
export const messagingEntities = [OutboxRecord, InboxRecord];

export { CreateMessagingInbox1767225600001, CreateMessagingOutbox1767225600000, HoldOutboxRows1769000000000 };
