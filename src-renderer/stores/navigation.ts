import { create } from 'zustand';

export const SCREENS = ['today', 'customers', 'invoices', 'calls', 'letters', 'dashboard', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

/**
 * Where the user is: a screen, for some screens the record shown (`#/customers/<id>`), and the
 * filters a link opens a list with (`#/invoices?overdue=31-60`, from a dashboard bar). The screen
 * reads `query` once when it opens; after that the filters are its own state.
 */
export interface Route {
  screen: Screen;
  id?: string;
  query?: Record<string, string>;
}

export function parseHash(hash: string): Route {
  const [path = '', search] = hash.replace(/^#\/?/, '').split('?');
  const [name, id] = path.split('/');
  const screen = (SCREENS as readonly string[]).includes(name ?? '') ? (name as Screen) : 'today';
  const query = search ? Object.fromEntries(new URLSearchParams(search)) : undefined;
  return { screen, ...(id ? { id: decodeURIComponent(id) } : {}), ...(query && Object.keys(query).length > 0 ? { query } : {}) };
}

export function routeHref(route: Route): string {
  const search = route.query && Object.keys(route.query).length > 0 ? `?${new URLSearchParams(route.query).toString()}` : '';
  return `#/${route.screen}${route.id ? `/${encodeURIComponent(route.id)}` : ''}${search}`;
}

interface NavigationState extends Route {
  navigate(screen: Screen, id?: string): void;
}

/**
 * Which screen is shown. UI state only (zustand); kept in the URL hash so that a reload, the back
 * button and a bookmark land on the same place.
 */
export const useNavigation = create<NavigationState>((set) => ({
  ...parseHash(window.location.hash),
  navigate(screen, id) {
    const href = routeHref(id ? { screen, id } : { screen });
    if (window.location.hash !== href) window.location.hash = href;
    set({ screen, id, query: undefined });
  },
}));

window.addEventListener('hashchange', () => {
  const route = parseHash(window.location.hash);
  useNavigation.setState({ screen: route.screen, id: route.id, query: route.query });
});
