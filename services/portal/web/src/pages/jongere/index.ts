import type { RouteDef } from '../../routes.js';
import { Inzage } from './Inzage.js';
import { Toestemmingen } from './Toestemmingen.js';

export const jongereRoutes: RouteDef[] = [
  { path: '/mijn/toestemmingen', roles: ['jongere'], component: Toestemmingen, nav: 'Mijn toestemmingen' },
  { path: '/mijn/inzage', roles: ['jongere'], component: Inzage, nav: 'Wie keek in mijn gegevens' },
];
