import { create } from 'zustand';

export const SCREENS = ['today', 'customers', 'invoices', 'calls', 'letters', 'dashboard', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

/** Where the user is: a screen, and for some screens the record shown (`#/customers/<id>`). */
export interface Route {
  screen: Screen;
  id?: string;
}

export function parseHash(hash: string): Route {
  const [name, id] = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  const screen = (SCREENS as readonly string[]).includes(name ?? '') ? (name as Screen) : 'today';
  return id ? { screen, id: decodeURIComponent(id) } : { screen };
}

export function routeHref(route: Route): string {
  return `#/${route.screen}${route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
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
    set({ screen, id });
  },
}));

window.addEventListener('hashchange', () => {
  const route = parseHash(window.location.hash);
  useNavigation.setState({ screen: route.screen, id: route.id });
});
