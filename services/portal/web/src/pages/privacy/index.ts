import { createElement } from 'react';
import type { RouteDef } from '../../routes.js';
import { Auditketens } from '../ops/Auditketens.js';
import { Bewaartermijnen } from './Bewaartermijnen.js';
import { Inzageverzoeken } from './Inzageverzoeken.js';
import { Register } from './Register.js';

const PRIVACY = ['privacy-officer'];

/** The ops page's audit chains, with "Nu controleren" (GET /audit/verify is the privacy officer's) and without the monitor's view. */
const PrivacyAuditketens = () => createElement(Auditketens, { monitorAnchors: false, verifyNow: true });

export const privacyRoutes: RouteDef[] = [
  { path: '/privacy/register', roles: PRIVACY, component: Register, nav: 'Register van verwerkingen' },
  { path: '/privacy/audit', roles: PRIVACY, component: PrivacyAuditketens, nav: 'Auditketens' },
  { path: '/privacy/bewaartermijnen', roles: PRIVACY, component: Bewaartermijnen, nav: 'Bewaartermijnen' },
  { path: '/privacy/inzageverzoeken', roles: PRIVACY, component: Inzageverzoeken, nav: 'Inzageverzoeken' },
];
