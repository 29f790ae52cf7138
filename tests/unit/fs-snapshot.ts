import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Everything under `dir`: relative path → content as base64, and `path/` → '(folder)' for each
 * folder, so that a test can say "nothing was written" (no file changed, none added, not even an
 * empty folder or a temporary file). An absent folder is empty.
 */
export async function filesUnder(dir: string): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  const walk = async (current: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true }).catch(() => [])) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        state[`${prefix}${entry.name}/`] = '(folder)';
        await walk(path, `${prefix}${entry.name}/`);
      } else {
        state[`${prefix}${entry.name}`] = (await readFile(path)).toString('base64');
      }
    }
  };
  await walk(dir, '');
  return state;
}
