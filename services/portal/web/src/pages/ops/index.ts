import type { RouteDef } from '../../routes.js';

/** The ops pages (built on this scaffold later): add each page here with its roles and navigation label. */
export const opsRoutes: RouteDef[] = [];
