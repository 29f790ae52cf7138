import { join } from 'node:path';
import { platform as osPlatform } from 'node:os';
import type { MethodName } from '../contract/methods';
import type { CORE_METHOD_NAMES } from '../contract/names';
import type { HandlersOf } from './handler-types';
import { createMailService } from './mail';
import { createLetterService } from './letters';
import type { EventSink, Platform } from './platform';
import { Scheduler } from './scheduler';
import { checkExternalUrl } from './external-links';
import { extensionOf, writeFileAtomic } from './files';
import { BackupStore } from './backups';
import { BackgroundModeStore } from './background-mode';
import { ContractError } from '../contract/errors';

export type Handlers = HandlersOf<MethodName>;

export interface Services {
  handlers: Handlers;
  scheduler: Scheduler;
  /** The desktop app's background mode, already read from `<data>/background.json`. */
  backgroundMode: BackgroundModeStore;
  /** Stops timers so that the process can exit. */
  stop(): void;
}

/** Builds every main-process service over one platform, and the handler of each contract method. */
export async function createServices(platform: Platform, events: EventSink): Promise<Services> {
  const notify = (notification: { title: string; body: string }) => platform.showNotification(notification);
  const scheduler = new Scheduler({ dataDir: platform.dataDir, events, notify });
  await scheduler.start();
  // Each shell has its own database (the browser's is per origin): each keeps its own daily backups.
  const backups = new BackupStore(platform.dataDir, undefined, platform.shell === 'web' ? 'browser' : '');
  const backgroundMode = new BackgroundModeStore(platform.dataDir);
  await backgroundMode.load();

  const mail = await createMailService(platform, events);
  const letters = await createLetterService(platform, events);

  const core: HandlersOf<(typeof CORE_METHOD_NAMES)[number]> = {
    'app.info': async () => ({
      name: 'Relance',
      version: platform.appVersion,
      shell: platform.shell,
      platform: osPlatform(),
      dataDir: platform.dataDir,
    }),
    'app.setLanguage': async ({ language }) => {
      platform.languageChanged(language);
      return { language };
    },
    // The browser mode shows what the desktop app will do (the data folder is shared) but cannot change it.
    'app.getBackgroundMode': async () => ({ supported: platform.supportsBackgroundMode, ...backgroundMode.current }),
    'app.setBackgroundMode': async (mode) => {
      if (!platform.supportsBackgroundMode) {
        throw new ContractError('not-allowed', 'Running in the background is only available in the desktop app');
      }
      const saved = await backgroundMode.set(mode);
      platform.applyBackgroundMode(saved);
      return { supported: true, ...saved };
    },
    'files.saveAs': async ({ suggestedName, contentBase64, filterName }) => {
      const path = await platform.chooseSavePath({
        suggestedName,
        extension: extensionOf(suggestedName),
        ...(filterName ? { filterName } : {}),
      });
      if (path === null) return { status: 'cancelled' };
      const bytes = Buffer.from(contentBase64, 'base64');
      await writeFileAtomic(path, bytes);
      return { status: 'saved', path, bytes: bytes.byteLength };
    },
    'files.openDocument': async ({ fileName, contentBase64 }) => {
      if (!platform.supportsDocumentViewer) return { status: 'open-in-renderer' };
      const bytes = Buffer.from(contentBase64, 'base64');
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new ContractError('invalid-arguments', 'files.openDocument: the content is not a PDF', [
          { path: 'contentBase64', message: 'is not a PDF' },
        ]);
      }
      // A view copy in the data folder, replaced each time the same document is opened again.
      const path = join(platform.dataDir, 'documents', 'viewed', fileName);
      await writeFileAtomic(path, bytes);
      return (await platform.openDocument(path)) ? { status: 'opened', path } : { status: 'open-in-renderer' };
    },
    'notify.show': async (notification) => ({ shown: await platform.showNotification(notification) }),
    'shell.openExternal': async ({ url }) => {
      const allowed = checkExternalUrl(url);
      return (await platform.openExternal(allowed))
        ? { status: 'opened' }
        : { status: 'open-in-renderer', url: allowed };
    },
    'scheduler.setNextWake': async ({ at, reason, notification }) =>
      scheduler.setNextWake(at, reason, notification),
    'scheduler.getNextWake': async () => scheduler.nextWake,
    // Main's own clock dates the backup; the renderer only says in which time zone days count.
    'backup.saveDaily': async ({ contentBase64, timeZone }) =>
      backups.saveDaily(Buffer.from(contentBase64, 'base64'), new Date().toISOString(), timeZone),
    'backup.saveBeforeRestore': async ({ contentBase64 }) =>
      backups.saveBeforeRestore(Buffer.from(contentBase64, 'base64'), new Date().toISOString()),
    'backup.list': async () => ({ backups: await backups.list() }),
    'backup.read': async ({ fileName }) => ({
      fileName,
      contentBase64: Buffer.from(await backups.read(fileName)).toString('base64'),
    }),
  };

  const handlers: Handlers = { ...core, ...mail.handlers, ...letters.handlers };
  return {
    handlers,
    scheduler,
    backgroundMode,
    stop: () => {
      scheduler.stop();
      mail.stop();
      letters.stop();
    },
  };
}
