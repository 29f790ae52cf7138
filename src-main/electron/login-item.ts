import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'electron';

/**
 * "Launch Relance when the session opens". Windows and macOS have `app.setLoginItemSettings`; on
 * Linux Electron does nothing, so we write (or remove) an XDG autostart entry,
 * `~/.config/autostart/relance.desktop`, which GNOME, KDE, Xfce… all read.
 *
 * Relance is started with `--hidden`: the window is created hidden and the tray shows (see
 * `shouldStartHidden`; macOS passes no arguments to login items, it says `wasOpenedAtLogin`).
 */
export const HIDDEN_ARG = '--hidden';
export const AUTOSTART_FILE = 'relance.desktop';

export interface LoginItemDeps {
  app: Pick<App, 'setLoginItemSettings' | 'getAppPath' | 'isPackaged'>;
  platform: NodeJS.Platform;
  execPath: string;
  env: NodeJS.ProcessEnv;
  log?: (message: string) => void;
}

/**
 * The command the session runs: the executable (an AppImage runs from its own path, not from the
 * mounted copy `execPath` points to), the app's folder when running unpackaged (`electron .`), and
 * `--hidden`.
 */
export function loginCommand(deps: Pick<LoginItemDeps, 'app' | 'execPath' | 'env' | 'platform'>): { path: string; args: string[] } {
  const path = (deps.platform === 'linux' && deps.env.APPIMAGE) || deps.execPath;
  return { path, args: [...(deps.app.isPackaged ? [] : [deps.app.getAppPath()]), HIDDEN_ARG] };
}

/** One argument of a desktop entry's `Exec` key, quoted when needed (XDG Desktop Entry spec). */
export function quoteExecArg(arg: string): string {
  const escapedPercent = arg.replaceAll('%', '%%');
  if (/^[\w\-./=:+,@%]+$/.test(escapedPercent)) return escapedPercent;
  // Inside quotes, " ` $ \ take a backslash; then the whole value is a desktop-file string, where a
  // backslash itself is written twice.
  const quoted = `"${escapedPercent.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replaceAll('\\', '\\\\');
}

export function autostartEntry(command: { path: string; args: string[] }): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Relance',
    'Comment=Relances des factures impayées / Follow-ups of unpaid invoices',
    `Exec=${[command.path, ...command.args].map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function autostartDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart');
}

/** Registers or removes the login item. Failures are logged, never thrown (the choice stays saved). */
export function applyLoginItem(openAtLogin: boolean, deps: LoginItemDeps): void {
  const log = deps.log ?? console.error;
  const command = loginCommand(deps);
  try {
    if (deps.platform === 'linux') {
      const dir = autostartDir(deps.env);
      const file = join(dir, AUTOSTART_FILE);
      if (openAtLogin) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, autostartEntry(command), { mode: 0o644 });
      } else {
        rmSync(file, { force: true });
      }
      return;
    }
    // Windows identifies the entry by its path and arguments: the same ones to add and to remove.
    deps.app.setLoginItemSettings({
      openAtLogin,
      args: command.args,
      ...(deps.platform === 'win32' && !deps.app.isPackaged ? { path: command.path } : {}),
    });
  } catch (error) {
    log(`[relance] could not ${openAtLogin ? 'add' : 'remove'} the login item: ${String(error)}`);
  }
}

/** Started by the session (hidden, in the tray) rather than by the user? */
export function shouldStartHidden(argv: readonly string[], wasOpenedAtLogin: boolean): boolean {
  return wasOpenedAtLogin || argv.includes(HIDDEN_ARG);
}
