/**
 * The life cycle of one overdracht, as both sender and receiver see it. Responsibility moves only on
 * `geaccepteerd`; every other answer leaves the baton with the sender.
 */
export type OverdrachtStatus =
  | 'aangeboden'
  | 'geaccepteerd'
  | 'afgewezen'
  | 'verlopen'
  | 'ingetrokken'
  | 'eerste-contact-gehad'
  | 'eerste-contact-gemist'
  | 'geplaatst'
  | 'mislukt';

export type OverdrachtAction = 'accept' | 'reject' | 'expire' | 'withdraw' | 'hold-first-contact' | 'miss-first-contact' | 'place' | 'fail';

const NEXT: Record<OverdrachtStatus, Partial<Record<OverdrachtAction, OverdrachtStatus>>> = {
  aangeboden: { accept: 'geaccepteerd', reject: 'afgewezen', expire: 'verlopen', withdraw: 'ingetrokken' },
  geaccepteerd: {
    'hold-first-contact': 'eerste-contact-gehad',
    'miss-first-contact': 'eerste-contact-gemist',
    place: 'geplaatst',
    fail: 'mislukt',
  },
  // A missed first contact is tried again: it can still be held, or the trajectory fails.
  'eerste-contact-gemist': { 'hold-first-contact': 'eerste-contact-gehad', 'miss-first-contact': 'eerste-contact-gemist', fail: 'mislukt' },
  'eerste-contact-gehad': { place: 'geplaatst', fail: 'mislukt' },
  afgewezen: {},
  verlopen: {},
  ingetrokken: {},
  geplaatst: {},
  mislukt: {},
};

export class OverdrachtTransitionError extends Error {
  constructor(
    readonly from: OverdrachtStatus,
    readonly action: OverdrachtAction,
  ) {
    super(`an overdracht that is ${from} cannot ${action}`);
  }
}

export function nextStatus(from: OverdrachtStatus, action: OverdrachtAction): OverdrachtStatus {
  const to = NEXT[from][action];
  if (!to) throw new OverdrachtTransitionError(from, action);
  return to;
}

export const canDo = (from: OverdrachtStatus, action: OverdrachtAction): boolean => NEXT[from][action] !== undefined;

/** Still waiting for the receiver's answer: the sender holds the baton and the deadline runs. */
export const isOpenOffer = (status: OverdrachtStatus): boolean => status === 'aangeboden';

/** The receiver holds the baton in these states. */
export const receiverHolds = (status: OverdrachtStatus): boolean =>
  status === 'geaccepteerd' || status === 'eerste-contact-gehad' || status === 'eerste-contact-gemist' || status === 'geplaatst';

/** Every status an overdracht can have. */
export const OVERDRACHT_STATUSES = Object.keys(NEXT) as OverdrachtStatus[];

/**
 * The receiver works with the young person while the offer waits for its answer (it may need consent to decide) and
 * while it holds the baton; not after it declined, the offer lapsed or was withdrawn, or the trajectory failed.
 * The sender works with them only while its offer is open (after an acceptance the receiver does). Source: design
 * (issue 23, consent asked "for a young person it works with").
 */
export const receiverWorksWith = (status: OverdrachtStatus): boolean => isOpenOffer(status) || receiverHolds(status);

/**
 * The sender's copy of an offer after a reply, or undefined when the reply changes nothing there (a
 * duplicate, or an acceptance at or after the deadline). An acceptance made before the deadline wins over an
 * expiry it crossed on the bus; replies that overtook the acceptance (first contact, plaatsing) prove it.
 * Source: design (README "Late acceptance"), the same rule as batonAfter.
 */
export function senderStatusAfterReply(
  offer: { status: OverdrachtStatus; responseDueAt: Date },
  action: OverdrachtAction,
  eventTime: Date,
): OverdrachtStatus | undefined {
  if (action === 'accept' && offer.status === 'verlopen' && eventTime < offer.responseDueAt) return 'geaccepteerd';
  const proven =
    (action === 'hold-first-contact' || action === 'miss-first-contact' || action === 'place') && offer.status === 'aangeboden';
  if (proven) return nextStatus('geaccepteerd', action);
  return canDo(offer.status, action) ? nextStatus(offer.status, action) : undefined;
}

export const REJECT_REASONS = [
  'niet-in-doelgroep',
  'verkeerde-regio',
  'geen-capaciteit',
  'onvolledige-gegevens',
  'geen-toestemming',
  'al-in-traject',
  'jongere-weigert',
  'anders',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const WITHDRAW_REASONS = ['niet-meer-nodig', 'verkeerde-ontvanger', 'jongere-weigert', 'toestemming-ingetrokken', 'anders'] as const;
export type WithdrawReason = (typeof WITHDRAW_REASONS)[number];
