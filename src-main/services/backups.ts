import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError } from '../contract/errors';
import { toIoError, writeFileAtomic } from './files';

/**
 * The daily backups of the shop's data, kept by the main process in `<dataDir>/backups/`.
 *
 * The renderer makes the backup (db/backup.ts: the whole Dexie database as JSON) and hands the bytes
 * over; this store only keeps files:
 * - one file per calendar day, `relance-YYYY-MM-DD.json.gz` (`.json` when plain JSON), the day being taken in the shop's time zone
 *   (a save at 00:30 in Paris belongs to that day, not to the previous UTC day); a second save the
 *   same day replaces that day's file, so the folder holds the latest state of each day;
 * - written atomically (temporary file, flush, rename): a crash or a full disk never leaves a
 *   half-written backup under a backup's name, and the previous file of the day stays until the new
 *   one is complete;
 * - the last `KEEP_DAILY_BACKUPS` days are kept; older daily files are deleted. Nothing else in the
 *   folder is ever touched (a file the user copied there, a backup renamed by hand, temporary files);
 *   the file just written is never deleted, even if the folder holds files dated in the future (a
 *   clock that was wrong).
 *
 * Saves are serialised: two saves at once cannot interleave their clean-ups.
 */
export const KEEP_DAILY_BACKUPS = 14;
export const DEFAULT_BACKUP_TIME_ZONE = 'Europe/Paris';

const DAILY_FILE = /^relance-(\d{4}-\d{2}-\d{2})\.json(?:\.gz)?$/;

/**
 * `.json.gz` for gzip bytes (what the renderer writes since backups are compressed), `.json` for
 * plain JSON (older backups, and files restored from them): the name always says what is inside.
 */
export function backupExtension(bytes: Uint8Array): '.json' | '.json.gz' {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? '.json.gz' : '.json';
}

export interface BackupFileInfo {
  fileName: string;
  /** The calendar day of the backup, `YYYY-MM-DD`. */
  date: string;
  bytes: number;
}

export interface SavedBackup extends BackupFileInfo {
  /** A backup of that day existed and was replaced. */
  replaced: boolean;
  /** Older daily files deleted to keep the last `KEEP_DAILY_BACKUPS`. */
  deleted: string[];
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The date of a daily backup file name, or `null` for any other name (including path tricks). */
export function dailyBackupDate(fileName: string): string | null {
  const match = DAILY_FILE.exec(fileName);
  return match && isCalendarDate(match[1]!) ? match[1]! : null;
}

/** `YYYY-MM-DD` of the instant in the time zone. */
function calendarDayIn(nowIso: string, timeZone: string): string {
  const instant = new Date(nowIso);
  if (Number.isNaN(instant.getTime())) {
    throw new ContractError('invalid-arguments', `Not an ISO instant: "${nowIso}"`);
  }
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(instant);
  } catch {
    throw new ContractError('invalid-arguments', `Unknown time zone: "${timeZone}"`, [
      { path: 'timeZone', message: 'must be an IANA time zone such as Europe/Paris' },
    ]);
  }
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** toIoError speaks of writing; reading and listing get the same reasons with the right verb. */
function readError(error: unknown, path: string): ContractError {
  return new ContractError('io-error', toIoError(error, path).message.replace(/^Could not write/, 'Could not read'));
}

export class BackupStore {
  readonly dir: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly keep: number = KEEP_DAILY_BACKUPS,
    /** Subfolder of `backups/`: the browser mode's database is not the desktop app's (another origin). */
    subfolder = '',
  ) {
    this.dir = join(dataDir, 'backups', subfolder);
  }

  /**
   * The current data, saved just before a restore replaces it: kept in `before-restore/` and never
   * pruned, so restoring the wrong file can always be undone.
   */
  async saveBeforeRestore(bytes: Uint8Array, nowIso: string): Promise<{ fileName: string; path: string }> {
    if (bytes.byteLength === 0) {
      throw new ContractError('invalid-arguments', 'The backup is empty', [{ path: 'contentBase64', message: 'must not be empty' }]);
    }
    const stamp = new Date(nowIso).toISOString().replace(/[:.]/g, '-');
    const fileName = `relance-avant-restauration-${stamp}${backupExtension(bytes)}`;
    const path = join(this.dir, 'before-restore', fileName);
    try {
      await writeFileAtomic(path, bytes);
    } catch (error) {
      throw error instanceof ContractError ? error : toIoError(error, path);
    }
    return { fileName, path };
  }

  /**
   * Writes today's backup (`relance-YYYY-MM-DD.json`, the day of `nowIso` in `timeZone`), replacing a
   * backup of the same day, then deletes the daily files beyond the last `keep` days.
   */
  saveDaily(bytes: Uint8Array, nowIso: string, timeZone: string = DEFAULT_BACKUP_TIME_ZONE): Promise<SavedBackup> {
    const run = this.queue.then(() => this.save(bytes, nowIso, timeZone));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The daily backups, newest first. An absent folder is an empty list. */
  async list(): Promise<BackupFileInfo[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw readError(error, this.dir);
    }
    const found: BackupFileInfo[] = [];
    for (const fileName of names) {
      const date = dailyBackupDate(fileName);
      if (date === null) continue;
      try {
        const info = await stat(join(this.dir, fileName));
        if (info.isFile()) found.push({ fileName, date, bytes: info.size });
      } catch {
        // Deleted between readdir and stat: not listed.
      }
    }
    return found.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  }

  /** The bytes of one daily backup; only names of the form `relance-YYYY-MM-DD.json` are accepted. */
  async read(fileName: string): Promise<Uint8Array> {
    if (typeof fileName !== 'string' || dailyBackupDate(fileName) === null) {
      throw new ContractError('invalid-arguments', 'Not the name of a daily backup', [
        { path: 'fileName', message: 'must be relance-YYYY-MM-DD.json or .json.gz' },
      ]);
    }
    const path = join(this.dir, fileName);
    try {
      return new Uint8Array(await readFile(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ContractError('io-error', `There is no backup named ${fileName} in ${this.dir}`);
      }
      throw readError(error, path);
    }
  }

  private async save(bytes: Uint8Array, nowIso: string, timeZone: string): Promise<SavedBackup> {
    if (bytes.byteLength === 0) {
      // Never replace a good backup of the day with nothing.
      throw new ContractError('invalid-arguments', 'The backup is empty', [
        { path: 'contentBase64', message: 'must not be empty' },
      ]);
    }
    const date = calendarDayIn(nowIso, timeZone);
    const fileName = `relance-${date}${backupExtension(bytes)}`;
    const path = join(this.dir, fileName);
    // The same day in the other format (a plain backup made by an older version): replaced too.
    const otherFormat = join(this.dir, fileName.endsWith('.gz') ? fileName.slice(0, -3) : `${fileName}.gz`);
    const isFile = (candidate: string) =>
      stat(candidate).then(
        (info) => info.isFile(),
        () => false,
      );
    const existed = (await isFile(path)) || (await isFile(otherFormat));
    try {
      await writeFileAtomic(path, bytes);
    } catch (error) {
      // writeFileAtomic creates the folder outside its own error mapping: map what escapes it too.
      throw error instanceof ContractError ? error : toIoError(error, path);
    }
    await rm(otherFormat, { force: true }).catch(() => undefined);
    const deleted = await this.prune(fileName);
    return { fileName, date, bytes: bytes.byteLength, replaced: existed, deleted };
  }

  /** Deletes daily files beyond the newest `keep`; never `justWritten`, never another kind of file. */
  private async prune(justWritten: string): Promise<string[]> {
    const files = await this.list().catch(() => []);
    const deleted: string[] = [];
    for (const file of files.slice(this.keep)) {
      if (file.fileName === justWritten) continue;
      try {
        await rm(join(this.dir, file.fileName));
        deleted.push(file.fileName);
      } catch {
        // The backup itself was saved; an old file that cannot be deleted is tried again next time.
      }
    }
    return deleted;
  }
}
