export { receiverServiceModule } from './receiver-module.js';
export { RECEIVER_SETTINGS, type ReceiverSettings } from './receiver-settings.js';
export { VerwijzingRecord } from './persistence/verwijzing.entity.js';
export { PlaatsingRecord } from './persistence/plaatsing.entity.js';
export { FollowUpCheckRecord } from './persistence/follow-up-check.entity.js';
export { FireDueChecks } from './application/fire-due-checks.js';
