import QRCode from 'qrcode';
import type { MailDraft } from '../../../src-main/contract/mail';
import type { RelanceDatabase } from '../../db/database';
import type { Interaction } from '../../domain/model';

type Attachment = NonNullable<MailDraft['attachments']>[number];

/** The Content-ID the HTML refers to (`<img src="cid:sepa-qr@relance">`). */
export const QR_CID = 'sepa-qr@relance';

/** main accepts ten attachments a message: the QR code and nine invoice copies at most. */
const MAX_PDFS = 9;

/** Like os/client's toBase64, which cannot be imported here: that module connects to main on import. */
function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The SEPA QR code as a PNG, shown inline in the HTML through its Content-ID. */
export async function qrAttachment(payload: string): Promise<Attachment> {
  const dataUrl = await QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: 220 });
  return { fileName: 'qr-code-virement.png', contentType: 'image/png', contentBase64: dataUrl.slice(dataUrl.indexOf(',') + 1), cid: QR_CID };
}

/** Reads an archived letter's bytes (`letters.readArchived`: os.letters in the app, the bridge in tests). */
export type ReadArchivedLetter = (args: { id: string }) => Promise<{ pdfBase64: string }>;

/**
 * The attachments of a queued message, built when it is sent rather than stored with it (the row is
 * read by every screen; a PDF in it would be read too): the QR code from its payload, the archived
 * letter it names (the statement of account, rendered once when the email was queued: the archive
 * is never overwritten, so a retry under the same key carries the same bytes), the stored PDF copy
 * of each invoice it names.
 */
export async function attachmentsFor(db: RelanceDatabase, message: Interaction, readArchived?: ReadArchivedLetter): Promise<Attachment[]> {
  const attachments: Attachment[] = [];
  const details = message.details ?? {};
  const payload = details.qrPayload;
  if (typeof payload === 'string' && payload !== '') attachments.push(await qrAttachment(payload));
  const letterId = details.letterArchiveId;
  let pdfRoom = MAX_PDFS;
  if (typeof letterId === 'string' && letterId !== '') {
    if (!readArchived) throw new Error(`Cannot read the archived letter ${letterId}`);
    const { pdfBase64 } = await readArchived({ id: letterId });
    const fileName = typeof details.letterFileName === 'string' && details.letterFileName !== '' ? details.letterFileName : 'releve-de-compte.pdf';
    attachments.push({ fileName, contentType: 'application/pdf', contentBase64: pdfBase64 });
    pdfRoom -= 1;
  }
  const ids = String(details.pdfInvoiceIds ?? '').split(',').filter(Boolean).slice(0, pdfRoom);
  for (const invoice of await db.invoices.bulkGet(ids)) {
    if (!invoice?.pdf) continue;
    const bytes = new Uint8Array(await invoice.pdf.arrayBuffer());
    attachments.push({ fileName: `facture-${invoice.number.replace(/[^\w.-]+/g, '_')}.pdf`, contentType: 'application/pdf', contentBase64: bytesToBase64(bytes) });
  }
  return attachments;
}
