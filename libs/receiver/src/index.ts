export {
  receiverServiceMigrations,
  receiverServiceModule,
  type OwnParts,
  receiverEntities,
  receiverProviders,
} from './receiving/receiver-module.js';
export { receiverControllers, verwijzingView } from './receiving/http/verwijzing.controllers.js';
export { MijnVerwijzingenController } from './receiving/http/mijn-verwijzingen.controller.js';
export { CreateReceiver1767600000000, receiverMigrations } from './receiving/persistence/migrations.js';
export { changeVerwijzing } from './receiving/application/change-verwijzing.js';
export { ADULT_RETURNS_TO, type AdultReturnsTo } from './receiving/application/plaatsing-commands.js';
export { ReceiveOffer } from './receiving/application/receive-offer.js';
export {
  AnswerVerwijzing,
  LateAcceptanceError,
  RECEIVER_ON_ACCEPTED,
  type Acceptance,
  type OnAccepted,
} from './receiving/application/answer-verwijzing.js';
export { PickUpUitval, RECEIVER_ON_UITVAL, type OnUitval } from './receiving/application/pick-up-uitval.js';
export { senderParts } from './sending/sender-parts.js';
export { OfferOverdracht, type OverdrachtOffer } from './sending/application/offer-overdracht.js';
export { senderMigrations } from './sending/persistence/migrations.js';
export { FollowUitgaandeOverdracht, SENDER_ON_REPLY, type OnReply } from './sending/application/follow-uitgaande-overdracht.js';
export { OfferFieldsDto, OverdrachtOfferDto, IntrekkingDto } from './sending/http/uitgaande-overdracht.dto.js';
export { uitgaandeOverdrachtNamedView, uitgaandeOverdrachtViews } from './sending/http/uitgaande-overdracht.controller.js';
export { UitgaandeOverdrachtRecord } from './sending/persistence/uitgaande-overdracht.entity.js';
export type { SenderSettings } from './sending/sender-settings.js';
export { RECEIVER_SETTINGS, type ReceiverSettings } from './receiving/receiver-settings.js';
export { VerwijzingRecord } from './receiving/persistence/verwijzing.entity.js';
export { VerwijzingHerkomstRecord } from './receiving/persistence/verwijzing-herkomst.entity.js';
export { PlaatsingRecord } from './receiving/persistence/plaatsing.entity.js';
export { FollowUpCheckRecord } from './receiving/persistence/follow-up-check.entity.js';
export { FireDueChecks } from './receiving/application/fire-due-checks.js';
export { CONTACT_READERS, readContactPerson, type Party, type ContactPersonView } from './shared/contact-person.js';
export { heldVerwijzing } from './receiving/application/held-verwijzing.js';
export { ageAt, ageFactsOf, rmcPartEnded, type AgeFacts } from './receiving/domain/verwijzing-age.js';
export { verwijzingWithdrawalPurge } from './receiving/application/withdrawal-purge.js';
export { plaatsingHoldings, uitgaandeOverdrachtHoldings, verwijzingHoldings } from './shared/inzage-holdings.js';
export { uitgaandeOverdrachtWerkrelatie, verwijzingWerkrelatie } from './shared/werkrelatie.js';
export { verwijzingRetention } from './receiving/persistence/verwijzing-retention.js';
export { uitgaandeOverdrachtRetention } from './sending/persistence/uitgaande-overdracht-retention.js';
