export const SENDER_SETTINGS = Symbol('SENDER_SETTINGS');

/** What the sending side needs to know about its service; the rules come from @estafette/overdracht. */
export interface SenderSettings {
  organisationType: 'rmc' | 'werk-inkomen' | 'zorg' | 'school';
  publicUrl: string;
  /** How often due answer deadlines are looked for; the deadlines live in the database. */
  timerIntervalMs: number;
  /** Answer time for the receiver; default 5 working days (DOMAIN.md). An offer may bring its own (the RMC's per region). */
  responseWorkingDays?: number;
}
