import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * A web host of its own for a test (`npm run web`'s host, as a user starts it), on a data folder of
 * its own, so that what the test stores in main (a restart's data, SMTP settings) never reaches the
 * other specs. Resolves with the address it prints.
 */
export function startHost(dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['out/main/web-host.js'], {
      env: { ...process.env, RELANCE_DATA_DIR: dataDir, RELANCE_EXPORT_DIR: join(dataDir, 'exports'), RELANCE_WEB_TOKEN: '', RELANCE_PORT: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${output}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[0] });
      }
    });
    child.on('exit', (code) => reject(new Error(`host exited with ${code}: ${output}`)));
  });
}

export function stopHost(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
