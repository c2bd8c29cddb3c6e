import type { RouteDef } from '../../routes.js';
import { Verzoeken } from './Verzoeken.js';

/** The organisations that ask young people for consent (consent service `/verzoeken`). */
export const verzoekenRoutes: RouteDef[] = [
  {
    path: '/toestemmingsverzoeken',
    roles: ['wi-consulent', 'zorg-consulent', 'school-staff', 'rmc-consulent', 'rmc-coordinator'],
    component: Verzoeken,
    nav: 'Toestemmingsverzoeken',
  },
];
