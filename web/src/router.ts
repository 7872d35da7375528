import { useEffect, useState } from 'preact/hooks';

/*
 * Hash routing: the server serves one index.html at `/`, so every console address is a fragment
 * (#/cases/abc) and no server route is needed per page.
 */

export interface Route {
  path: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [p = '/', q = ''] = raw.split('?');
  return {
    path: p
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s)),
    query: new URLSearchParams(q),
  };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const caseHref = (caseId: string): string => `#/cases/${encodeURIComponent(caseId)}`;
export const personHref = (id: string): string => `#/persons/${encodeURIComponent(id)}`;
export const unitHref = (code: string): string => `#/units/${encodeURIComponent(code)}`;
export const roundHref = (id: string, tab?: string): string =>
  `#/rounds/${encodeURIComponent(id)}${tab ? `/${encodeURIComponent(tab)}` : ''}`;

export function navigate(href: string): void {
  if (location.hash !== href) location.hash = href;
}
