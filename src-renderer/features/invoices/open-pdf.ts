import { os, shellKind, toBase64 } from '../../os/client';

/** How long the address of an opened PDF stays valid: enough for the viewer to read it. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Shows a PDF kept in the database: in Electron with the system's viewer (the window itself opens
 * no other page), in the browser mode in a new tab through a temporary `blob:` address that is
 * revoked once the viewer had time to load it.
 */
export async function openPdf(pdf: Blob, fileName: string): Promise<void> {
  if (shellKind === 'electron') {
    const contentBase64 = toBase64(new Uint8Array(await pdf.arrayBuffer()));
    const result = await os.files.openDocument({ fileName: safeFileName(fileName), contentBase64, mimeType: 'application/pdf' });
    if (result.status === 'opened') return;
  }
  const blob = pdf.type === 'application/pdf' ? pdf : new Blob([pdf], { type: 'application/pdf' });
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank');
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

export const MAX_PDF_BYTES = 20 * 1024 * 1024;

/** "F-2026/001" → "F-2026-001.pdf": a file name the contract accepts on every system. */
function safeFileName(name: string): string {
  const base = name.replace(/[\\/:*?"<>|\0]/g, '-').slice(0, 180) || 'document';
  return base.toLowerCase().endsWith('.pdf') ? base : `${base}.pdf`;
}
