import { existsSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Font } from '@react-pdf/renderer';

/**
 * DejaVu Sans for every letter: the PDF standard fonts (Helvetica) cannot draw the narrow no-break
 * space that French amounts use ("1 234,50 €"), DejaVu draws it, accents, € and ≥.
 *
 * The app ships the two files it needs in `resources/fonts/` (copied from the npm package
 * `dejavu-fonts-ttf`, licence beside them). They are found, in order, in:
 * 1. `RELANCE_FONTS_DIR` (packagers, tests);
 * 2. the first `resources/fonts` above this module: the repository in development and tests
 *    (`src-main/services/letters/`), the app folder once built (`out/main/`), inside app.asar too;
 * 3. Electron's `process.resourcesPath/fonts` (a packager copying `resources/fonts` as extra resources);
 * 4. the `dejavu-fonts-ttf` package itself, when node_modules is at hand.
 */
export const FONT_FAMILY = 'DejaVu Sans';
const REGULAR = 'DejaVuSans.ttf';
const BOLD = 'DejaVuSans-Bold.ttf';

function hasFonts(folder: string): boolean {
  return existsSync(join(folder, REGULAR)) && existsSync(join(folder, BOLD));
}

function candidateFolders(): string[] {
  const folders: string[] = [];
  const fromEnvironment = process.env.RELANCE_FONTS_DIR;
  if (fromEnvironment) folders.push(fromEnvironment);

  let folder = dirname(fileURLToPath(import.meta.url));
  const { root } = parse(folder);
  for (let depth = 0; depth < 8 && folder !== root; depth += 1) {
    folders.push(join(folder, 'resources', 'fonts'));
    folder = dirname(folder);
  }

  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) folders.push(join(resourcesPath, 'fonts'), join(resourcesPath, 'resources', 'fonts'));

  try {
    const packageJson = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
    folders.push(join(dirname(packageJson), 'ttf'));
  } catch {
    // Not installed next to the app: the copies in resources/ are the ones to find.
  }
  return folders;
}

/** The folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf; throws with every place looked at. */
export function findFontsFolder(): string {
  const folders = candidateFolders();
  const found = folders.find(hasFonts);
  if (!found) throw new Error(`DejaVu Sans not found (looked in ${folders.join(', ')})`);
  return found;
}

let registered = false;

/** Registers DejaVu Sans with react-pdf once per process (or worker), and turns hyphenation off. */
export function registerLetterFonts(): void {
  if (registered) return;
  const folder = findFontsFolder();
  Font.register({
    family: FONT_FAMILY,
    fonts: [
      { src: join(folder, REGULAR), fontWeight: 'normal' },
      { src: join(folder, BOLD), fontWeight: 'bold' },
    ],
  });
  // Invoice numbers, IBANs and names must never be cut with a hyphen the user did not type.
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}
