import { jestConfig } from '../testing/jest-preset.js';
export default jestConfig(import.meta.dirname);
