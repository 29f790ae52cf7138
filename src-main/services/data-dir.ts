import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the web host keeps the shop's files when no folder is given: the same place Electron's
 * `app.getPath('userData')` uses for an app named "Relance", so both modes share journals and archives.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.RELANCE_DATA_DIR) return env.RELANCE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Relance');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Relance');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Relance');
}
