import type { frDesktop } from './fr-desktop';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English strings of the desktop integration, same keys as fr-desktop.ts. Merged into en.ts under `desktop`. */
export const enDesktop: Shape<typeof frDesktop> = {
  title: 'Running in the background',
  explanation:
    'Relance sends scheduled reminders and shows its notifications only while it is running. When it is closed, they wait until it is opened again.',
  keepRunningInTray: 'Keep Relance running in the notification area when the window is closed',
  keepRunningInTrayHint:
    'Closing the window only hides it: the Relance icon stays next to the clock. To quit for good, choose “Quit” in that icon’s menu.',
  launchAtLogin: 'Start Relance when I log in',
  launchAtLoginHint: 'Relance starts without opening its window, with its icon in the notification area.',
  browserOnly:
    'Available in the desktop app. In the browser, reminders and notifications only work while the Relance tab is open.',
  loading: 'Reading the settings…',
  saveError: 'The setting could not be saved: {{message}}',
};
