export * from './calendar-date.js';
export * from './age.js';
export * from './working-days.js';
