import { deflateSync } from 'node:zlib';

/**
 * The same DejaVu subset in every letter, encoded and compressed once per worker.
 *
 * pdfkit embeds in each PDF a subset of the font holding the glyphs the document used, numbered in
 * the order of their first use; at the end it encodes that subset as a TrueType file (fontkit) and
 * deflates it. For "print today's letters", each notice is its own PDF (its archive): two subsets
 * (regular and bold) built, encoded and compressed a hundred times, about a tenth of the time.
 *
 * Here each new embedded font starts with the same glyphs in the same order: those of `SEED_TEXT`,
 * the characters of French and English letters. A document that uses no other glyph then has the
 * very subset of every other letter, so its font file (the same bytes) is encoded and deflated once
 * and handed to pdfkit already compressed. A glyph outside the seed (a name in another script)
 * simply joins the subset after the seeded ones, and that document takes pdfkit's own path: encoded
 * and compressed for itself, as before. The subset is larger than one letter needs (about 160
 * glyphs, about 7 KB more per font in each archive) and identical everywhere.
 *
 * Text extraction stays the same: a seeded glyph gets the code points fontkit's shaping gives it,
 * as pdfkit would at its first use, and no seeded glyph is shared by two characters in DejaVu Sans
 * (checked by tests/unit/letters/pdfkit-subset-seed.test.ts).
 *
 * Written against pdfkit 0.20.1's EmbeddedFont (`subset`, `widths`, `unicode`, `scale`, `embed`,
 * `document.ref`, `document.compress`) and called only by pdfkit-font-reuse.ts's wrapper, which is
 * installed on that version only. On an unexpected shape it does nothing.
 */

/** Printable ASCII, French letters with their accents, ligatures DejaVu forms, typography of letters. */
export const SEED_TEXT = [
  Array.from({ length: 95 }, (_, index) => String.fromCharCode(0x20 + index)).join(''),
  'àâäçéèêëîïôöùûüÿÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸœŒæÆ',
  '\u00a0\u202f«»€’‘“”–—…°·≥≤²×§©®',
];
/** Shaped as wholes so that DejaVu's ligature glyphs are seeded too. */
const SEED_LIGATURES = ['fi', 'fl', 'ff', 'ffi', 'ffl'];

interface ShapedGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface SeedFont {
  layout(text: string): { glyphs: ShapedGlyph[] };
}
interface SeedSubset {
  glyphs: number[];
  includeGlyph(id: number): number;
  encode(): Uint8Array;
}
interface SeedDocument {
  compress?: unknown;
  ref(data?: Record<string, unknown>): unknown;
}
/** The EmbeddedFont fields used here. */
export interface SeedableEmbeddedFont {
  font: SeedFont;
  subset: SeedSubset;
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  scale: number;
  document: SeedDocument;
  embed(): unknown;
}

interface Seed {
  glyphs: ShapedGlyph[];
  /** The deflated font file of a subset holding exactly the seed, once one was embedded. */
  fontFile?: Uint8Array;
}

const seeds = new WeakMap<SeedFont, Seed>();

function seedOf(font: SeedFont): Seed {
  let seed = seeds.get(font);
  if (!seed) {
    const glyphs: ShapedGlyph[] = [];
    const seen = new Set<number>();
    const characters = [...SEED_TEXT.join('')];
    for (const text of [...characters, ...SEED_LIGATURES]) {
      for (const glyph of font.layout(text).glyphs) {
        if (glyph.id === 0 || seen.has(glyph.id)) continue; // .notdef is every subset's glyph 0
        seen.add(glyph.id);
        glyphs.push(glyph);
      }
    }
    seed = { glyphs };
    seeds.set(font, seed);
  }
  return seed;
}

/** The glyphs every seeded subset starts with, in order (tests). */
export function seedGlyphsOf(font: SeedFont): readonly ShapedGlyph[] {
  return seedOf(font).glyphs;
}

function isSeedable(candidate: unknown): candidate is SeedableEmbeddedFont {
  const font = candidate as Partial<SeedableEmbeddedFont> | null;
  return (
    typeof font?.font?.layout === 'function' &&
    typeof font.subset?.includeGlyph === 'function' &&
    typeof font.subset.encode === 'function' &&
    Array.isArray(font.subset.glyphs) &&
    Array.isArray(font.widths) &&
    Array.isArray(font.unicode) &&
    typeof font.scale === 'number' &&
    typeof font.embed === 'function' &&
    typeof font.document?.ref === 'function'
  );
}

const SEEDED = Symbol('relance.seededSubset');

/**
 * Seeds a new embedded font's subset (see above) and has its `embed` use the shared compressed font
 * file when the document added no glyph. Only on a fresh font (nothing but .notdef yet); answers
 * whether it seeded.
 */
export function seedEmbeddedFont(candidate: unknown): boolean {
  if (!isSeedable(candidate)) return false;
  const embedded = candidate as SeedableEmbeddedFont & { [SEEDED]?: true };
  if (embedded[SEEDED] || embedded.subset.glyphs.length !== 1 || embedded.unicode.length !== 1) return false;
  const seed = seedOf(embedded.font);
  // What EmbeddedFont.encode and react-pdf's encodeGlyphs do at a glyph's first use.
  for (const glyph of seed.glyphs) {
    const gid = embedded.subset.includeGlyph(glyph.id);
    embedded.widths[gid] ??= glyph.advanceWidth * embedded.scale;
    embedded.unicode[gid] ??= glyph.codePoints;
  }
  const seededGlyphs = embedded.subset.glyphs.length;
  const embed = embedded.embed;
  embedded.embed = function (this: SeedableEmbeddedFont) {
    // Another glyph joined (or the document is not compressed): pdfkit's own path.
    if (this.subset.glyphs.length !== seededGlyphs || this.document.compress !== true) return embed.call(this);
    const fontFile = (seed.fontFile ??= deflateSync(this.subset.encode()));
    const document = this.document;
    const subset = this.subset;
    // embed()'s first reference is the font file: created marked as compressed, pdfkit deflates it no more.
    document.ref = (data) => {
      delete (document as Partial<SeedDocument>).ref;
      return document.ref({ ...data, Filter: 'FlateDecode' });
    };
    subset.encode = () => fontFile;
    try {
      return embed.call(this);
    } finally {
      if (Object.hasOwn(document, 'ref')) delete (document as Partial<SeedDocument>).ref;
      delete (subset as Partial<SeedSubset>).encode;
    }
  };
  embedded[SEEDED] = true;
  return true;
}
