import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { seedEmbeddedFont } from './pdfkit-subset-seed';

/**
 * One pdfkit `EmbeddedFont` per (document, fontkit font), instead of one per text run.
 *
 * react-pdf draws every run of text with `ctx.font(fontkitFont, size)`. pdfkit 0.20.1's `font()`
 * only caches fonts given by name (a string); for a font object it builds a new `EmbeddedFont` at
 * every call (a fontkit subset, metrics), then finds the one it already has under the same
 * PostScript name and compares the two with `isEqualFont` (two `JSON.stringify` of the font's name
 * table) before throwing the new one away. A formal notice has hundreds of runs: that was about a
 * tenth of the layout time of "print today's letters".
 *
 * The wrapper below answers a font object already seen in this document with the `EmbeddedFont`
 * pdfkit chose for it the first time, setting the same fields pdfkit sets on its own cache hit
 * (`_fontSource`, `_fontFamily`, the size, `_font`). Everything else (names, strings, buffers, a
 * family name, a first use) goes to pdfkit's own `font()`. The PDF is the same apart from the fonts'
 * resource names (`/F2`, `/F3` instead of `/F2`, `/F57`: pdfkit no longer spends an id per run).
 *
 * Each font it builds is also seeded with the glyphs all letters share (pdfkit-subset-seed.ts), so
 * that every letter embeds the same font file, encoded and compressed once.
 *
 * It reads pdfkit internals, so it is installed only on the version it was written for, with the
 * methods it expects; otherwise it does nothing (letters stay correct, only slower) and
 * tests/unit/letters/pdfkit-font-reuse.test.ts fails, so that an upgrade is looked at.
 */
export const PDFKIT_VERSION_PATCHED = '0.20.1';

/** The pdfkit fields the wrapper reads and writes (FontsMixin in pdfkit's source). */
interface FontState {
  _font: { font?: unknown } | null;
  _fontSource: unknown;
  _fontFamily: unknown;
  fontSize(size: unknown): unknown;
}
type FontMethod = (this: FontState, src: unknown, family?: unknown, size?: unknown) => unknown;
interface DocumentPrototype {
  font?: unknown;
  fontSize?: unknown;
  initFonts?: unknown;
}

const INSTALLED = Symbol.for('relance.pdfkitEmbeddedFontReuse');

/** The version of the pdfkit package this module imports, read from its package.json. */
export function installedPdfkitVersion(): string | undefined {
  try {
    // `pdfkit/package.json` is not in the package's exports: find it beside the entry point.
    const entry = createRequire(import.meta.url).resolve('pdfkit');
    const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
    return manifest.name === 'pdfkit' && typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

/** Why the wrapper cannot be installed on this pdfkit, or `undefined` when it can. */
export function fontReuseRefusal(version: string | undefined, prototype: DocumentPrototype): string | undefined {
  if (version !== PDFKIT_VERSION_PATCHED) return `pdfkit ${version ?? '(version unknown)'} is not ${PDFKIT_VERSION_PATCHED}`;
  for (const method of ['font', 'fontSize', 'initFonts'] as const) {
    if (typeof prototype[method] !== 'function') return `pdfkit's document has no ${method}()`;
  }
  return undefined;
}

/** A font object as react-pdf passes it: a loaded fontkit font (never a name, a path or bytes). */
function isFontkitFont(src: unknown): src is object {
  return typeof src === 'object' && src !== null && typeof (src as { layout?: unknown }).layout === 'function';
}

export type FontReuseInstall = { installed: true } | { installed: false; reason: string };

/**
 * Wraps `PDFDocument.prototype.font` once per process (or worker thread). Returns whether the
 * wrapper is in place, and if not, why.
 */
export function installEmbeddedFontReuse(prototype: DocumentPrototype = PDFDocument.prototype as DocumentPrototype): FontReuseInstall {
  const patched = prototype as DocumentPrototype & { [INSTALLED]?: true };
  if (patched[INSTALLED]) return { installed: true };
  const reason = fontReuseRefusal(installedPdfkitVersion(), prototype);
  if (reason) return { installed: false, reason };

  const original = prototype.font as FontMethod;
  const embeddedByDocument = new WeakMap<FontState, WeakMap<object, NonNullable<FontState['_font']>>>();
  const font: FontMethod = function (this: FontState, src, family, size) {
    // Only `font(fontObject)` and `font(fontObject, size)`: a family name is a cache key of pdfkit's own.
    const sizeOnly = family === undefined || family === null || typeof family === 'number';
    if (!isFontkitFont(src) || !sizeOnly) return original.call(this, src, family, size);
    const fontSize = typeof family === 'number' ? family : size;

    let embedded = embeddedByDocument.get(this);
    const known = embedded?.get(src);
    if (known) {
      // What pdfkit does when its cache answers (FontsMixin.font): source, family, size, font.
      this._fontSource = src;
      this._fontFamily = typeof family === 'number' ? null : family;
      if (fontSize !== undefined && fontSize !== null) this.fontSize(fontSize);
      this._font = known;
      return this;
    }
    const result = original.call(this, src, family, size);
    // Remember only the font pdfkit built for this very object (not one it matched by name), and
    // start its subset with the glyphs every letter shares (pdfkit-subset-seed.ts).
    if (this._font && this._font.font === src) {
      if (!embedded) embeddedByDocument.set(this, (embedded = new WeakMap()));
      embedded.set(src, this._font);
      seedEmbeddedFont(this._font);
    }
    return result;
  };
  prototype.font = font;
  patched[INSTALLED] = true;
  return { installed: true };
}
