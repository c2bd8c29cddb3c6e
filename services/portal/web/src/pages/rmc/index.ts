import type { RouteDef } from '../../routes.js';
import { Caseload } from './Caseload.js';
import { Overdrachten } from './Overdrachten.js';
import { TaakDetail } from './TaakDetail.js';
import { Werklijst } from './Werklijst.js';

const RMC = ['rmc-consulent', 'rmc-coordinator'];

export const rmcRoutes: RouteDef[] = [
  { path: '/rmc/taken', roles: RMC, component: Werklijst, nav: 'Werklijst' },
  { path: '/rmc/taken/:id', roles: RMC, component: TaakDetail },
  { path: '/rmc/overdrachten', roles: RMC, component: Overdrachten, nav: 'Overdrachten' },
  { path: '/rmc/caseload', roles: ['rmc-coordinator'], component: Caseload, nav: 'Caseload' },
];
