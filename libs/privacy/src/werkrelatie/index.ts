export { WERKRELATIE_PARTS, WerkrelatieController, werkrelatieProviders, type WerkrelatiePart } from './werkrelatie.controller.js';
