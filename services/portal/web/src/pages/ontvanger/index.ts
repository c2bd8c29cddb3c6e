import type { RouteDef } from '../../routes.js';
import { Inbox } from './Inbox.js';
import { Opvolging } from './Opvolging.js';
import { Plaatsing } from './Plaatsing.js';
import { VerwijzingDetail } from './VerwijzingDetail.js';

/** W&I and zorg consulenten share these pages; each calls its own service (libs/receiver). */
const RECEIVERS = ['wi-consulent', 'zorg-consulent'];

export const ontvangerRoutes: RouteDef[] = [
  { path: '/verwijzingen', roles: RECEIVERS, component: Inbox, nav: 'Verwijzingen' },
  { path: '/verwijzingen/:id', roles: RECEIVERS, component: VerwijzingDetail },
  { path: '/opvolging', roles: RECEIVERS, component: Opvolging, nav: 'Nazorgcontroles' },
  { path: '/plaatsingen/:id', roles: RECEIVERS, component: Plaatsing },
];
