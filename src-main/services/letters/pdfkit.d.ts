/**
 * pdfkit ships no type declarations. The app never draws with pdfkit itself (react-pdf does); it only
 * reaches its document prototype to install pdfkit-font-reuse.ts, which types what it touches.
 */
declare module 'pdfkit' {
  const PDFDocument: { prototype: object; new (options?: Record<string, unknown>): object };
  export default PDFDocument;
}
