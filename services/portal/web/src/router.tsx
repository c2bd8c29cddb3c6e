import type { AnchorHTMLAttributes } from 'react';
import { Link as RouterLink, matchPath, useLocation as useRouterLocation, useNavigate } from 'react-router';

/**
 * The portal's routing on react-router (history, links, path patterns): the pages keep speaking in `href`s and
 * `URL`s, so they do not depend on the router's own types. `BrowserRouter` is set up in main.tsx.
 */

/** The current address as a URL (pathname, search params). */
export function useLocation(): URL {
  const l = useRouterLocation();
  return new URL(`${l.pathname}${l.search}${l.hash}`, window.location.origin);
}

/** A function that goes to `to` in the app; `replace` replaces the current history entry (after login, a filter change). */
export function useNavigateTo(): (to: string, replace?: boolean) => void {
  const go = useNavigate();
  return (to, replace = false) => void go(to, { replace });
}

/** '/rmc/taken/:id' against '/rmc/taken/42' gives { id: '42' } (decoded); no match gives undefined. */
export function match(pattern: string, pathname: string): Record<string, string> | undefined {
  const found = matchPath({ path: pattern, end: true }, pathname);
  return found ? Object.fromEntries(Object.entries(found.params).map(([k, v]) => [k, v ?? ''])) : undefined;
}

/** An in-app link: a real `<a href>` (open in a new tab works), followed by the router on a plain click. */
export function Link({ href, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <RouterLink to={href} {...rest} />;
}
