/** How long the address of an opened PDF stays valid: enough for the viewer to read it. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Shows a PDF kept in the database in a new window (the browser's viewer), through a temporary
 * `blob:` address that is revoked once the viewer had time to load it.
 */
export function openPdf(pdf: Blob): void {
  const blob = pdf.type === 'application/pdf' ? pdf : new Blob([pdf], { type: 'application/pdf' });
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank');
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

export const MAX_PDF_BYTES = 20 * 1024 * 1024;
