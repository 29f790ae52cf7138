import QRCode from 'qrcode';

/**
 * A QR code as one vector path, for react-pdf's `<Svg><Path/></Svg>`: the dark modules of each row
 * merged into rectangles, in module units, with the quiet zone around them. Drawn as vector rather
 * than as a PNG, a letter no longer encodes a PNG (qrcode) that react-pdf and pdfkit then decode
 * and re-compress, and the code prints sharp at any resolution.
 *
 * One path for the whole code, filled at once: a rasteriser (printer, pdftoppm) fills touching
 * rectangles of one path without the hairline seams it leaves between separate shapes.
 */
export interface QrVector {
  /** Width and height in modules, quiet zone included (the Svg's viewBox is `0 0 size size`). */
  size: number;
  /** SVG path data: one `M x y h w v 1 h -w z` rectangle per run of dark modules in a row. */
  d: string;
}

/** The EPC069-12 quiet zone: 4 modules on every side, as the PNG had (`margin: 4`). */
export const QR_QUIET_ZONE = 4;

/** The QR code of `payload` at error correction M (what EPC069-12 asks), as one vector path. */
export function qrVector(payload: string, quietZone: number = QR_QUIET_ZONE): QrVector {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const parts: string[] = [];
  for (let row = 0; row < count; row += 1) {
    let column = 0;
    while (column < count) {
      if (!modules.get(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < count && modules.get(row, column)) column += 1;
      const width = column - start;
      parts.push(`M${start + quietZone} ${row + quietZone}h${width}v1h-${width}z`);
    }
  }
  return { size: count + 2 * quietZone, d: parts.join('') };
}
