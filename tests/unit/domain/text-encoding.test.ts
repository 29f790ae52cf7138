import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import {
  decodeText,
  decodeWindows1252,
  detectEncoding,
  hasUtf8Bom,
} from '../../../src-renderer/domain/text-encoding';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

describe('decodeWindows1252', () => {
  // Code points from the Windows-1252 code page chart (not from the implementation).
  it.each([
    [0x80, '€'],
    [0x82, '‚'],
    [0x85, '…'],
    [0x8c, 'Œ'],
    [0x92, '’'],
    [0x96, '–'],
    [0x9c, 'œ'],
    [0x9f, 'Ÿ'],
    [0xa0, '\u00a0'],
    [0xab, '«'],
    [0xb0, '°'],
    [0xc0, 'À'],
    [0xc7, 'Ç'],
    [0xc9, 'É'],
    [0xe0, 'à'],
    [0xe7, 'ç'],
    [0xe8, 'è'],
    [0xe9, 'é'],
    [0xea, 'ê'],
    [0xf4, 'ô'],
    [0xff, 'ÿ'],
    [0x41, 'A'],
  ])('byte 0x%s decodes to %j', (byte, expected) => {
    expect(decodeWindows1252(bytes(byte))).toBe(expected);
  });

  it('agrees with iconv-lite on every assigned byte from 0x80 to 0xFF', () => {
    const unassigned = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
    for (let byte = 0x80; byte <= 0xff; byte += 1) {
      if (unassigned.has(byte)) continue;
      expect(decodeWindows1252(bytes(byte)), `byte 0x${byte.toString(16)}`).toBe(
        iconv.decode(Buffer.from([byte]), 'win1252'),
      );
    }
  });

  it('maps the five unassigned bytes to the C1 control of the same number (WHATWG)', () => {
    expect([...decodeWindows1252(bytes(0x81, 0x8d, 0x8f, 0x90, 0x9d))].map((c) => c.codePointAt(0))).toEqual([
      0x81, 0x8d, 0x8f, 0x90, 0x9d,
    ]);
  });

  it('decodes text longer than one conversion slice', () => {
    const text = 'Fête à 12 € — ';
    const repeated = text.repeat(3000); // 42 000 characters, several 8 KiB slices
    expect(decodeWindows1252(iconv.encode(repeated, 'win1252'))).toBe(repeated);
  });

  it('decodes an empty input', () => {
    expect(decodeWindows1252(bytes())).toBe('');
  });
});

describe('detectEncoding and decodeText', () => {
  const euroUtf8 = [0xe2, 0x82, 0xac];
  const eAcuteUtf8 = [0xc3, 0xa9];

  it.each([
    ['pure ASCII', bytes(0x61, 0x3b, 0x62), 'utf-8', 'a;b'],
    ['UTF-8 accents and euro', bytes(0x63, 0x61, 0x66, ...eAcuteUtf8, 0x20, ...euroUtf8), 'utf-8', 'café €'],
    ['UTF-8 with BOM', bytes(0xef, 0xbb, 0xbf, 0x66, ...eAcuteUtf8, 0x65), 'utf-8-bom', 'fée'],
    ['BOM only', bytes(0xef, 0xbb, 0xbf), 'utf-8-bom', ''],
    ['Windows-1252 é and €', bytes(0x63, 0x61, 0x66, 0xe9, 0x20, 0x80), 'windows-1252', 'café €'],
    ['Windows-1252 lone 0x80', bytes(0x80), 'windows-1252', '€'],
    ['truncated UTF-8 sequence', bytes(0x61, 0xc3), 'windows-1252', 'aÃ'],
    ['empty', bytes(), 'utf-8', ''],
    // Two exports pasted together: each line is decoded by itself.
    ['UTF-8 line then Windows-1252 line', bytes(0x66, ...eAcuteUtf8, 0x0a, 0x66, 0xe9, 0x0a), 'windows-1252', 'fé\nfé\n'],
    ['Windows-1252 line then UTF-8 line, no final break', bytes(0x80, 0x0d, 0x0a, ...euroUtf8), 'windows-1252', '€\r\n€'],
  ])('%s', (_label, input, encoding, text) => {
    expect(detectEncoding(input)).toBe(encoding);
    expect(decodeText(input)).toEqual({ text, encoding });
  });

  it('round-trips French text encoded by iconv-lite in each encoding', () => {
    const text = 'Échéance;Montant TTC;Reste à payer\n1 234,56 €;Œuvre;« reçu »';
    expect(decodeText(iconv.encode(text, 'win1252'))).toEqual({ text, encoding: 'windows-1252' });
    expect(decodeText(iconv.encode(text, 'utf-8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(iconv.encode(text, 'utf-8', { addBOM: true }))).toEqual({ text, encoding: 'utf-8-bom' });
  });

  it('recognises the BOM', () => {
    expect(hasUtf8Bom(bytes(0xef, 0xbb, 0xbf, 0x41))).toBe(true);
    expect(hasUtf8Bom(bytes(0xef, 0xbb))).toBe(false);
    expect(hasUtf8Bom(bytes(0x41, 0xef, 0xbb, 0xbf))).toBe(false);
  });
});
