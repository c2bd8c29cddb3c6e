/** The smallest logger the library needs; Nest's Logger and console both fit. */
export interface MessagingLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLog: MessagingLog = {
  log: (m) => console.log(`[messaging] ${m}`),
  warn: (m) => console.warn(`[messaging] ${m}`),
  error: (m) => console.error(`[messaging] ${m}`),
};

export const silentLog: MessagingLog = { log: () => {}, warn: () => {}, error: () => {} };
