import { MAIL_EVENT_NAMES, MAIL_METHOD_NAMES } from './mail-names';
import { LETTER_EVENT_NAMES, LETTER_METHOD_NAMES } from './letters-names';

/**
 * The names of the contract's methods and events, without their schemas, so that the sandboxed
 * preload can build `window.relance` without bundling zod. `methods.ts` checks at compile time that
 * this list and the schema map agree.
 */
export const CORE_METHOD_NAMES = [
  'app.info',
  'app.setLanguage',
  'app.getBackgroundMode',
  'app.setBackgroundMode',
  'files.saveAs',
  'files.openDocument',
  'notify.show',
  'shell.openExternal',
  'scheduler.setNextWake',
  'scheduler.getNextWake',
  'backup.saveDaily',
  'backup.list',
  'backup.read',
  'backup.saveBeforeRestore',
] as const;

/** Every method: the core ones and each service's own list (one file per service, so they grow apart). */
export const METHOD_NAMES = [...CORE_METHOD_NAMES, ...MAIL_METHOD_NAMES, ...LETTER_METHOD_NAMES] as const;

export const EVENT_NAMES = ['scheduler.wake', 'app.command', ...MAIL_EVENT_NAMES, ...LETTER_EVENT_NAMES] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/** The IPC channel prefix: `relance:call` for calls, `relance:event:<name>` for events. */
export const IPC_CALL_CHANNEL = 'relance:call';
export const ipcEventChannel = (name: EventName): string => `relance:event:${name}`;
