import {
  overdrachtAccepted, overdrachtExpired, overdrachtFirstContactHeld, overdrachtFirstContactMissed, overdrachtOffered,
  overdrachtRejected, overdrachtWithdrawn, plaatsingFollowUpChecked, plaatsingPlaced, uitvalNaPlaatsingRegistered,
} from '@estafette/contracts';
import type { EventHandlers } from '@estafette/service-kit';
import type { FollowOutgoing, ReceiveOffer } from '@estafette/receiver';
import type { BatonProjection } from './baton-projection.js';
import type { TaakFollowsOverdracht } from './taak-follows-overdracht.js';

/**
 * Every overdracht, plaatsing and uitval event first feeds the baton projection, then (in the same
 * transaction, under the inbox) the shared sending side for the RMC's own offers, or the RMC's inbox for
 * handovers offered to it (W&I back to the RMC).
 */
export function handoverHandlers(projection: BatonProjection, follow: FollowOutgoing, taak: TaakFollowsOverdracht, inbox: ReceiveOffer): EventHandlers {
  const only = (handler?: (e: never, m: Parameters<EventHandlers[string]>[1]) => Promise<void>): EventHandlers[string] =>
    async (event, manager) => {
      await projection.record(event, manager);
      await handler?.(event as never, manager);
    };
  return {
    [overdrachtOffered.type]: only((e, m) => inbox.offered(e, m)),
    [overdrachtWithdrawn.type]: only((e, m) => inbox.closedBySender(e, m, 'withdraw')),
    [overdrachtExpired.type]: only((e, m) => inbox.closedBySender(e, m, 'expire')),
    [overdrachtAccepted.type]: only((e, m) => follow.accepted(e, m)),
    [overdrachtRejected.type]: only((e, m) => follow.rejected(e, m)),
    [overdrachtFirstContactHeld.type]: only((e, m) => follow.firstContactHeld(e, m)),
    [overdrachtFirstContactMissed.type]: only((e, m) => follow.firstContactMissed(e, m)),
    [plaatsingPlaced.type]: only((e, m) => follow.placed(e, m)),
    [plaatsingFollowUpChecked.type]: only((e, m) => follow.followUpChecked(e, m)),
    [uitvalNaPlaatsingRegistered.type]: only((e, m) => taak.uitval(e, m)),
  };
}
