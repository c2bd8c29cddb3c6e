// Privacy over time, shared by every service that holds personal data (issue: privacy in practice):
// - retention/: bewaartermijnen as configuration with their basis, and the daily retention job;
// - inzage/: what a service holds about one young person and every access to it, in one shape;
// - withdrawal/: purging what was obtained under a toestemming when it is withdrawn;
// - werkrelatie/: whether an organisation works with a young person now (before it may ask for consent).
export * from './withdrawal/index.js';
export * from './inzage/index.js';
export * from './retention/index.js';
export * from './werkrelatie/index.js';
