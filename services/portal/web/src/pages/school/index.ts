import type { RouteDef } from '../../routes.js';
import { BulkUpload } from './BulkUpload.js';
import { Nazorg } from './Nazorg.js';
import { Uitschrijvingen } from './Uitschrijvingen.js';

const SCHOOL = ['school-staff'];

export const schoolRoutes: RouteDef[] = [
  { path: '/school/uitschrijvingen', roles: SCHOOL, component: Uitschrijvingen, nav: 'Uitschrijvingen' },
  { path: '/school/upload', roles: SCHOOL, component: BulkUpload, nav: 'CSV uploaden' },
  { path: '/school/nazorg', roles: SCHOOL, component: Nazorg, nav: 'Nazorg' },
];
