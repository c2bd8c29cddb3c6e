import type { RouteDef } from '../../routes.js';
import { BulkUpload } from './BulkUpload.js';
import { Nazorg } from './Nazorg.js';
import { Uitschrijvingen } from './Uitschrijvingen.js';
import { UitschrijvingDetail } from './UitschrijvingDetail.js';
// Back to school: the RMC's offers in the school's inbox, the same pages as W&I and zorg (libs/receiver).
import { Inbox } from '../ontvanger/Inbox.js';
import { VerwijzingDetail } from '../ontvanger/VerwijzingDetail.js';

const SCHOOL = ['school-staff'];

export const schoolRoutes: RouteDef[] = [
  { path: '/school/uitschrijvingen', roles: SCHOOL, component: Uitschrijvingen, nav: 'Uitschrijvingen' },
  { path: '/school/uitschrijvingen/:id', roles: SCHOOL, component: UitschrijvingDetail },
  { path: '/school/upload', roles: SCHOOL, component: BulkUpload, nav: 'CSV uploaden' },
  { path: '/school/nazorg', roles: SCHOOL, component: Nazorg, nav: 'Nazorg' },
  { path: '/school/verwijzingen', roles: SCHOOL, component: Inbox, nav: 'Verwijzingen' },
  { path: '/school/verwijzingen/:id', roles: SCHOOL, component: VerwijzingDetail },
];
