export { WITHDRAW_REASONS, type WithdrawReason } from '@estafette/overdracht';
export const STATUSES_FOR_QUERY = ['aangeboden', 'geaccepteerd', 'afgewezen', 'verlopen', 'ingetrokken', 'eerste-contact-gehad', 'eerste-contact-gemist', 'geplaatst', 'mislukt'] as const;
