import { createElement } from 'react';
import type { RouteDef } from '../../routes.js';
import { Auditketens } from './Auditketens.js';
import { DeadLetterDetail } from './DeadLetterDetail.js';
import { DeadLetters } from './DeadLetters.js';
import { Stromen } from './Stromen.js';
import { Sturing } from './Sturing.js';
import { Termijnen } from './Termijnen.js';

const OPS = ['ops'];
/** With the monitor's stored anchors, without "Nu controleren" (the privacy officer's). */
const OpsAuditketens = () => createElement(Auditketens);

export const opsRoutes: RouteDef[] = [
  { path: '/ops/stromen', roles: OPS, component: Stromen, nav: 'Eventstromen' },
  { path: '/ops/dead-letters', roles: OPS, component: DeadLetters, nav: 'Dead letters' },
  { path: '/ops/dead-letters/:id', roles: OPS, component: DeadLetterDetail },
  { path: '/ops/termijnen', roles: OPS, component: Termijnen, nav: 'Termijnen en stokje' },
  { path: '/ops/sturing', roles: OPS, component: Sturing, nav: 'Stuurinformatie' },
  { path: '/ops/audit', roles: OPS, component: OpsAuditketens, nav: 'Auditketens' },
];
