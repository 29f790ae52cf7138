import { z } from 'zod';
import type { EventName, MethodName } from './names';
import { mailEvents, mailMethods } from './mail';
import { letterEvents, letterMethods } from './letters';

/**
 * The one typed contract between the renderer and the main process.
 *
 * Each method has a zod schema for its arguments and one for its result; each event has a schema for
 * its payload. Both transports (Electron IPC and the loopback HTTP host) validate against these same
 * schemas in the dispatcher, so a call that is wrong in one is wrong in the other, with the same
 * message. Payloads are JSON-safe: ISO instants, cents, files as base64 or paths.
 */

const isoInstant = z.iso.datetime({ offset: true });
const language = z.enum(['fr', 'en']);

/** A file name the user may see; never a path. */
const fileName = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[/\\\0]/.test(name) && name !== '.' && name !== '..', {
    message: 'must be a file name, without a folder',
  });

/** Daily backups kept by main in `<data>/backups`, named by the shop's calendar day. */
const dailyBackupName = z.string().regex(/^relance-\d{4}-\d{2}-\d{2}\.json(?:\.gz)?$/, 'must be relance-YYYY-MM-DD.json or .json.gz');
const backupFile = z.object({
  fileName: dailyBackupName,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  bytes: z.number().int().nonnegative(),
});

/**
 * Whether Relance keeps running when its window is closed (tray) and starts with the session. Only
 * the desktop app can do either: in the browser mode `supported` is false and setting it is refused.
 */
const backgroundModeResult = z.object({
  supported: z.boolean(),
  keepRunningInTray: z.boolean(),
  launchAtLogin: z.boolean(),
});

const coreMethods = {
  'app.info': {
    args: z.object({}).strict(),
    result: z.object({
      name: z.string(),
      version: z.string(),
      /** Which transport the renderer is running on. */
      shell: z.enum(['electron', 'web']),
      platform: z.string(),
      dataDir: z.string(),
    }),
  },
  'app.setLanguage': {
    args: z.object({ language }).strict(),
    result: z.object({ language }),
  },
  'app.getBackgroundMode': {
    args: z.object({}).strict(),
    result: backgroundModeResult,
  },
  'app.setBackgroundMode': {
    args: z.object({ keepRunningInTray: z.boolean(), launchAtLogin: z.boolean() }).strict(),
    result: backgroundModeResult,
  },
  'files.saveAs': {
    args: z
      .object({
        suggestedName: fileName,
        /** File content, base64. 25 MiB of data at most (a full backup of a large shop). */
        contentBase64: z.base64().max(35_000_000),
        mimeType: z.string().min(1).max(100),
        /** Label of the file type in the save dialog ("CSV", "Sauvegarde Relance"...). */
        filterName: z.string().min(1).max(100).optional(),
      })
      .strict(),
    result: z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), path: z.string(), bytes: z.number().int().nonnegative() }),
      z.object({ status: z.literal('cancelled') }),
    ]),
  },
  'files.openDocument': {
    args: z
      .object({
        // The system opens the file by its extension: only ever a .pdf, whatever the renderer sends.
        fileName: fileName.refine((name) => name.toLowerCase().endsWith('.pdf'), { message: 'must end in .pdf' }),
        /** The document, base64 (an invoice copy, a letter): 25 MiB at most. */
        contentBase64: z.base64().min(1).max(35_000_000),
        mimeType: z.enum(['application/pdf']),
      })
      .strict(),
    result: z.discriminatedUnion('status', [
      /** Written to the data folder and opened with the system's PDF viewer (Electron). */
      z.object({ status: z.literal('opened'), path: z.string() }),
      /** No system viewer here (browser mode): the renderer shows it itself. */
      z.object({ status: z.literal('open-in-renderer') }),
    ]),
  },
  'notify.show': {
    args: z
      .object({
        title: z.string().min(1).max(200),
        body: z.string().max(1000),
      })
      .strict(),
    result: z.object({ shown: z.boolean() }),
  },
  'shell.openExternal': {
    args: z.object({ url: z.string().min(1).max(4000) }).strict(),
    result: z.discriminatedUnion('status', [
      /** The main process opened it with the system's handler (Electron). */
      z.object({ status: z.literal('opened') }),
      /** The URL is allowed; the renderer opens it itself (browser mode has no OS shell). */
      z.object({ status: z.literal('open-in-renderer'), url: z.string() }),
    ]),
  },
  'scheduler.setNextWake': {
    args: z
      .object({
        /** When the renderer wants to be woken next; `null` clears the timer. */
        at: isoInstant.nullable(),
        /** Why, for logs and the notification ("3 relances à faire"). */
        reason: z.string().max(200).optional(),
        /** Desktop notification to show when the wake-up fires, if any. */
        notification: z.object({ title: z.string().min(1).max(200), body: z.string().max(1000) }).optional(),
      })
      .strict(),
    result: z.object({ nextWakeAt: isoInstant.nullable() }),
  },
  'scheduler.getNextWake': {
    args: z.object({}).strict(),
    result: z.object({ nextWakeAt: isoInstant.nullable(), reason: z.string().nullable() }),
  },
  'backup.saveDaily': {
    args: z
      .object({
        /** The full backup (dexie-export-import JSON), base64. */
        contentBase64: z.base64().min(1).max(35_000_000),
        /** The shop's time zone: it decides which calendar day the backup belongs to. */
        timeZone: z.string().min(1).max(64).optional(),
      })
      .strict(),
    result: backupFile.extend({ replaced: z.boolean(), deleted: z.array(dailyBackupName) }),
  },
  'backup.list': {
    args: z.object({}).strict(),
    result: z.object({ backups: z.array(backupFile) }),
  },
  'backup.saveBeforeRestore': {
    args: z.object({ contentBase64: z.base64().min(1).max(35_000_000) }).strict(),
    result: z.object({ fileName: z.string(), path: z.string() }),
  },
  'backup.read': {
    args: z.object({ fileName: dailyBackupName }).strict(),
    result: z.object({ fileName: dailyBackupName, contentBase64: z.base64() }),
  },
} as const;

export const methods = { ...coreMethods, ...mailMethods, ...letterMethods } as const satisfies Record<
  MethodName,
  { args: z.ZodType; result: z.ZodType }
>;

const coreEvents = {
  /** The scheduler's timer fired (or the computer woke up after it should have). */
  'scheduler.wake': z.object({
    at: isoInstant,
    scheduledFor: isoInstant,
    reason: z.string().nullable(),
    cause: z.enum(['timer', 'resume', 'missed']),
  }),
  /** A command from the application menu or the tray for the renderer to carry out. */
  'app.command': z.discriminatedUnion('command', [
    z.object({
      command: z.literal('navigate'),
      to: z.enum(['today', 'customers', 'invoices', 'calls', 'letters', 'dashboard', 'settings']),
    }),
    z.object({ command: z.literal('set-language'), language }),
  ]),
} as const;

export const events = { ...coreEvents, ...mailEvents, ...letterEvents } as const satisfies Record<EventName, z.ZodType>;

export type Methods = typeof methods;
export type MethodArgs<M extends MethodName> = z.input<Methods[M]['args']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/**
 * What the renderer sees: `window.relance`, one function per method, grouped by service
 * (`relance.scheduler.setNextWake({...})`), plus `on` to listen to events.
 */
type Split<S extends string> = S extends `${infer Service}.${infer Fn}` ? [Service, Fn] : never;
type ServiceOf<M> = M extends MethodName ? Split<M>[0] : never;
type MethodsOf<S extends string> = {
  [M in MethodName as Split<M>[0] extends S ? Split<M>[1] : never]: (
    args: MethodArgs<M>,
  ) => Promise<MethodResult<M>>;
};
export type RelanceBridge = {
  [S in ServiceOf<MethodName>]: MethodsOf<S>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export type { EventName, MethodName } from './names';
