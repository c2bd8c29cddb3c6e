import type { ComponentType } from 'react';

/** One page: where it lives, who may see it, and whether (and how) it shows in the navigation. */
export interface RouteDef {
  path: string;
  roles: string[];
  component: ComponentType<{ params: Record<string, string> }>;
  /** Label in the main navigation; pages without one are reached by links (details). */
  nav?: string;
}
