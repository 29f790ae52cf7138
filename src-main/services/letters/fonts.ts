import { existsSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Font } from '@react-pdf/renderer';
import { installEmbeddedFontReuse } from './pdfkit-font-reuse';

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

/** Enough shaped runs for a day's batch of letters; past it the memo starts again (memory stays small). */
const SHAPED_RUNS_KEPT = 20_000;
const MEMOISED = Symbol('relance.memoisedShaping');

type Shaping = (text: string, ...rest: unknown[]) => unknown;
interface ShapingFont {
  layout: Shaping;
  [MEMOISED]?: true;
}

/**
 * Memoises fontkit's `layout` (shaping: OpenType substitutions and positioning of a run of text) on
 * one loaded font. react-pdf shapes every run of every letter: a batch of formal notices repeats
 * the same labels, headings, template sentences, dates and amounts letter after letter, and
 * shaping is the biggest single cost of the layout after yoga. The result is shared, not copied:
 * react-pdf's textkit only reads it (it maps the positions to new objects before justifying, and
 * slices the glyph arrays), and fontkit already shares its glyph objects between runs.
 */
function memoiseShaping(font: ShapingFont): void {
  if (font[MEMOISED]) return;
  const shape = font.layout.bind(font);
  let shaped = new Map<string, unknown>();
  font.layout = (text: string, ...rest: unknown[]) => {
    // The other arguments are features (an array or object), script, language and direction.
    const key = rest.length === 0 ? text : `${text}\u0000${JSON.stringify(rest)}`;
    let run = shaped.get(key);
    if (run === undefined) {
      run = shape(text, ...rest);
      if (shaped.size >= SHAPED_RUNS_KEPT) shaped = new Map();
      shaped.set(key, run);
    }
    return run;
  };
  font[MEMOISED] = true;
}

let fontReuseChecked = false;

/** pdfkit-font-reuse.ts, once per process or worker; says once why not when it cannot be installed. */
function reuseEmbeddedFonts(): void {
  if (fontReuseChecked) return;
  fontReuseChecked = true;
  const install = installEmbeddedFontReuse();
  if (!install.installed) console.warn(`Letters: pdfkit's fonts are not reused (${install.reason}); letters are laid out more slowly.`);
}

const CHARACTERS_MEMOISED = Symbol('relance.memoisedCharacterLookups');

interface CharacterFont {
  unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  [CHARACTERS_MEMOISED]?: true;
}

/**
 * textkit's font substitution asks every character of every run whether the font has its glyph
 * (`hasGlyphForCodePoint`, a cmap lookup) and reads `unitsPerEm` twice (a getter through the
 * decoded `head` table): per character, for every letter. Both answers never change for a loaded
 * font: the first is memoised per code point, the second becomes a plain property.
 */
function memoiseCharacterLookups(font: CharacterFont): void {
  if (font[CHARACTERS_MEMOISED]) return;
  Object.defineProperty(font, 'unitsPerEm', { value: font.unitsPerEm, enumerable: true });
  const hasGlyph = font.hasGlyphForCodePoint.bind(font);
  const known = new Map<number, boolean>();
  font.hasGlyphForCodePoint = (codePoint: number) => {
    let answer = known.get(codePoint);
    if (answer === undefined) {
      answer = hasGlyph(codePoint);
      known.set(codePoint, answer);
    }
    return answer;
  };
  font[CHARACTERS_MEMOISED] = true;
}

/**
 * Registers DejaVu Sans (once), loads both weights, memoises their shaping and character lookups and has pdfkit reuse one
 * embedded font per document (once per process or worker): what render.ts calls before laying
 * letters out.
 */
export async function prepareLetterFonts(): Promise<void> {
  registerLetterFonts();
  reuseEmbeddedFonts();
  for (const fontWeight of [400, 700]) {
    const source = Font.getFont({ fontFamily: FONT_FAMILY, fontWeight });
    await source.load();
    if (source.data && typeof (source.data as unknown as Partial<ShapingFont>).layout === 'function') {
      memoiseShaping(source.data as unknown as ShapingFont);
    }
    const characters = source.data as unknown as Partial<CharacterFont> | undefined;
    if (typeof characters?.hasGlyphForCodePoint === 'function' && typeof characters.unitsPerEm === 'number') {
      memoiseCharacterLookups(characters as CharacterFont);
    }
  }
}
