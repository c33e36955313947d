/** Hash routing: #/unit/tam-duong?year=2023 — bookmarkable, works from any server path. */
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string[];
  query: URLSearchParams;
}

function read(): Location {
  const [path = '', query = ''] = location.hash.replace(/^#/, '').split('?');
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

export function useLocation(): Location {
  const [current, setCurrent] = useState(read);
  useEffect(() => {
    const update = () => setCurrent(read());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return current;
}

export function href(path: string, query: Record<string, string | number | undefined> = {}): string {
  const params = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return `#${path}${params.length ? `?${params.join('&')}` : ''}`;
}

export const go = (path: string, query: Record<string, string | number | undefined> = {}) => (location.hash = href(path, query));

/** An in-page link to a section (`id`) that does not touch the hash (the router owns it). */
export const jump = (id: string) => (event: Event) => {
  event.preventDefault();
  const target = document.getElementById(id);
  target?.scrollIntoView();
  target?.focus();
};
