import type { RouteDef } from '../../routes.js';

/** The school pages (built on this scaffold later): add each page here with its roles and navigation label. */
export const schoolRoutes: RouteDef[] = [];
