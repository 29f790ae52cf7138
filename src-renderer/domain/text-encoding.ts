/**
 * Text encodings of files exported by French invoicing tools and by Excel: UTF-8 (with or without
 * a byte-order mark) or, failing that, Windows-1252 (Excel's "CSV (séparateur : point-virgule)" on
 * a French Windows).
 *
 * Detection: a BOM `EF BB BF` means UTF-8 with BOM; otherwise bytes that decode as strict UTF-8
 * (`TextDecoder('utf-8', { fatal: true })`) are UTF-8 (pure ASCII included); anything else is
 * Windows-1252, which decodes every byte.
 *
 * Mixed files (two exports pasted together, one UTF-8 and one Windows-1252; found by the bad-input
 * corpus): in a file that is not UTF-8 as a whole, each line that holds non-ASCII bytes AND is valid
 * UTF-8 on its own is read as UTF-8, the other lines as Windows-1252. Otherwise "Café" from the UTF-8
 * part would be imported as "CafÃ©". A real Windows-1252 line is practically never valid UTF-8 (that
 * needs an accented capital such as "Ã" followed by a symbol such as "©"), so single-encoding
 * files read as before. The file is still reported as `windows-1252`.
 *
 * Windows-1252 is decoded with our own table, not `TextDecoder('windows-1252')`: Node 20 (small-icu
 * builds) decodes that label as Latin-1, so byte 0x80 would become U+0080 instead of "€". Nor with
 * iconv-lite, which needs Node's `Buffer` in the browser bundle. The table follows the WHATWG
 * Encoding Standard: the five unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1
 * control with the same number, as browsers do.
 */

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** Bytes 0x80–0x9F of Windows-1252; 0xA0–0xFF are the same code points as Latin-1. */
const WINDOWS_1252_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, // 80–87
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, // 88–8F
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, // 90–97
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178, // 98–9F
];

/** Code point of each of the 256 bytes, built once. */
const WINDOWS_1252 = new Uint16Array(256);
for (let byte = 0; byte < 256; byte += 1) {
  WINDOWS_1252[byte] = byte >= 0x80 && byte <= 0x9f ? (WINDOWS_1252_HIGH[byte - 0x80] ?? byte) : byte;
}

/** String.fromCharCode takes its arguments on the stack: convert in slices. */
const CHUNK = 0x2000;

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const codes = new Uint16Array(Math.min(CHUNK, bytes.length));
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    for (let i = start; i < end; i += 1) codes[i - start] = WINDOWS_1252[bytes[i] as number] as number;
    parts.push(String.fromCharCode(...codes.subarray(0, end - start)));
  }
  return parts.join('');
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes strict UTF-8 (BOM kept, if any), or returns null when the bytes are not valid UTF-8. */
function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (hasUtf8Bom(bytes)) return 'utf-8-bom';
  return tryUtf8(bytes) === null ? 'windows-1252' : 'utf-8';
}

/**
 * Decodes file bytes by the detected encoding; the BOM is not part of the text.
 * A file starting with a UTF-8 BOM but holding invalid UTF-8 further on is still read as UTF-8
 * (invalid sequences become U+FFFD): the BOM is an explicit statement from the exporting tool.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (hasUtf8Bom(bytes)) {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: decodeLineByLine(bytes), encoding: 'windows-1252' };
}

const LF = 0x0a;

/**
 * Windows-1252, except the lines with non-ASCII bytes that are valid UTF-8 on their own (see the
 * module comment). Consecutive Windows-1252 lines are decoded in one piece.
 */
function decodeLineByLine(bytes: Uint8Array): string {
  const parts: string[] = [];
  let pending = 0; // start of the bytes not decoded yet (Windows-1252 lines so far)
  let lineStart = 0;
  let nonAscii = false;
  for (let i = 0; i <= bytes.length; i += 1) {
    const byte = i < bytes.length ? (bytes[i] as number) : LF;
    if (byte !== LF) {
      if (byte >= 0x80) nonAscii = true;
      continue;
    }
    const lineEnd = Math.min(i + 1, bytes.length);
    if (nonAscii) {
      const utf8 = tryUtf8(bytes.subarray(lineStart, lineEnd));
      if (utf8 !== null) {
        if (pending < lineStart) parts.push(decodeWindows1252(bytes.subarray(pending, lineStart)));
        parts.push(utf8);
        pending = lineEnd;
      }
    }
    lineStart = lineEnd;
    nonAscii = false;
  }
  if (pending < bytes.length) parts.push(decodeWindows1252(bytes.subarray(pending)));
  return parts.join('');
}
