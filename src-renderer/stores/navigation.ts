import { create } from 'zustand';

export const SCREENS = ['today', 'customers', 'invoices', 'calls', 'letters', 'dashboard', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

function screenFromHash(hash: string): Screen {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (SCREENS as readonly string[]).includes(name ?? '') ? (name as Screen) : 'today';
}

interface NavigationState {
  screen: Screen;
  navigate(screen: Screen): void;
}

/**
 * Which screen is shown. UI state only (zustand); kept in the URL hash so that a reload, the back
 * button and a bookmark land on the same screen.
 */
export const useNavigation = create<NavigationState>((set) => ({
  screen: screenFromHash(window.location.hash),
  navigate(screen) {
    if (window.location.hash !== `#/${screen}`) window.location.hash = `#/${screen}`;
    set({ screen });
  },
}));

window.addEventListener('hashchange', () => {
  useNavigation.setState({ screen: screenFromHash(window.location.hash) });
});
