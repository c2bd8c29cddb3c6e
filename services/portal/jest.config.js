import { jestConfig } from '../../libs/testing/jest-preset.js';
// Real broker and PostgreSQL (the infra global setup); the browser test drives the services as processes.
export default { ...jestConfig(import.meta.dirname, { infra: true }), testTimeout: 360_000 };
