import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real small disk for fault tests: a tmpfs of a few KiB mounted on a temporary folder. Writing more
 * than it holds fails with the kernel's ENOSPC (a genuinely full disk), and remounting it read-only
 * makes every write fail with EROFS, even for root (where chmod stops nothing).
 *
 * Mounting needs root with the right to mount (CAP_SYS_ADMIN), as in the CI container. Elsewhere
 * `mountSmallDisk` returns null and the tests that need it are skipped, saying so; the read-only
 * case then falls back to chmod, which does stop a normal user.
 */
export interface SmallDisk {
  dir: string;
  makeReadOnly(): void;
  unmount(): Promise<void>;
}

export async function mountSmallDisk(sizeKiB: number): Promise<SmallDisk | null> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = await mkdtemp(join(tmpdir(), 'relance-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0755`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    await rm(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    makeReadOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'ignore' }),
    async unmount() {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Is this process able to mount one? (Checked once, by mounting and unmounting a tiny disk.) */
export async function canMountSmallDisk(): Promise<boolean> {
  const disk = await mountSmallDisk(16);
  await disk?.unmount();
  return disk !== null;
}
