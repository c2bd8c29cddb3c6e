import { jestConfig } from '../../libs/testing/jest-preset.js';
export default jestConfig(import.meta.dirname, { infra: true });
