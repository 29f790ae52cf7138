import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ContractError } from '../contract/errors';

/**
 * Writes a file so that a crash or a full disk never leaves a half-written file under the final
 * name: the bytes go to a temporary file beside it, are flushed, then renamed over the target.
 */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw toIoError(error, path);
  }
}

/** A clear, translated-on-the-other-side message for the usual disk failures. */
export function toIoError(error: unknown, path: string): ContractError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the folder is read-only',
    ENOENT: 'the folder does not exist',
    EISDIR: 'a folder has that name',
    ENOTDIR: 'part of the path is a file, not a folder',
    EEXIST: 'part of the path is a file, not a folder',
  };
  const reason = (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
  return new ContractError('io-error', `Could not write ${path}: ${reason}`);
}

export function extensionOf(fileName: string): string {
  return extname(fileName).replace(/^\./, '').toLowerCase();
}
