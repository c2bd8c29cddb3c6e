export * from './lifecycle.js';
export * from './deadline.js';
export * from './placement.js';
export * from './baton.js';
export * from './receiver.js';
export * from './age-boundary.js';
export * from './reenrolment.js';
