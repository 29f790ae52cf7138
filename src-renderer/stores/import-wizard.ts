import { create } from 'zustand';

/**
 * Whether the import wizard is open. App-level UI state: the wizard must outlive the screen that
 * opened it (an empty screen becomes a list as soon as the first invoices are saved).
 */
export const useImportWizard = create<{ opened: boolean; open(): void; close(): void }>((set) => ({
  opened: false,
  open: () => set({ opened: true }),
  close: () => set({ opened: false }),
}));
