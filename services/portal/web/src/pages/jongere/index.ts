import type { RouteDef } from '../../routes.js';
import { Inzage } from './Inzage.js';
import { OuderToestemmingen } from './OuderToestemmingen.js';
import { Toestemmingen } from './Toestemmingen.js';
import { Verzoeken } from './Verzoeken.js';
import { WieHelptMij } from './WieHelptMij.js';
import { WieKeek } from './WieKeek.js';

export const jongereRoutes: RouteDef[] = [
  { path: '/mijn/wie-helpt-mij', roles: ['jongere'], component: WieHelptMij, nav: 'Wie helpt mij nu?' },
  { path: '/mijn/verzoeken', roles: ['jongere'], component: Verzoeken, nav: 'Vragen om toestemming' },
  { path: '/mijn/toestemmingen', roles: ['jongere'], component: Toestemmingen, nav: 'Mijn toestemmingen' },
  { path: '/mijn/wie-keek', roles: ['jongere'], component: WieKeek, nav: 'Wie keek in mijn gegevens' },
  { path: '/mijn/inzage', roles: ['jongere'], component: Inzage, nav: 'Inzage' },
  // The young person's parent or guardian, logged in as themself.
  { path: '/ouder/toestemmingen', roles: ['ouder-of-voogd'], component: OuderToestemmingen, nav: 'Toestemmingen van mijn kind' },
];
