import { create } from 'zustand';
import { os } from '../../os/client';
import { nowIso } from '../../os/clock';
import { getDatabase } from '../../db';
import type { MethodResult } from '../../../src-main/contract/methods';
import { attachmentsFor } from './attachments';
import { OutboxDriver } from './outbox-driver';

/**
 * The mail feature's app-wide pieces: the one outbox driver of the window, and the SMTP settings as
 * main last reported them (Today needs the signature and whether sending is set up; the settings
 * screen refreshes it on save).
 */

let driver: OutboxDriver | undefined;

/** The window's outbox driver (created on first use, started by useOutboxDriver). */
export function outboxDriver(): OutboxDriver {
  driver ??= new OutboxDriver({ db: getDatabase(), transport: os.mail, attachments: (message) => attachmentsFor(getDatabase(), message, os.letters.readArchived), now: nowIso });
  return driver;
}

type MailSettingsView = MethodResult<'mail.getSettings'>;

interface MailSettingsState {
  view: MailSettingsView | undefined;
  load(): Promise<void>;
  set(view: MailSettingsView): void;
}

export const useMailSettingsStore = create<MailSettingsState>((set) => ({
  view: undefined,
  load: async () => {
    set({ view: await os.mail.getSettings({}) });
  },
  set: (view) => set({ view }),
}));
