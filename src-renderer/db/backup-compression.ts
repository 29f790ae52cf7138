/**
 * Backups are written gzip-compressed: a 100,000-invoice shop's JSON export is about 60 MB as
 * base64 — over the contract's limit for a daily backup, and 14 of them filled the data folder —
 * and gzip takes it to about an eighth. Reading accepts both, so backups made before stay
 * restorable. The streams are the platform's (Chromium, Electron, Node 18+): no dependency.
 */
const GZIP_MAGIC = [0x1f, 0x8b] as const;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

export async function gzip(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  const stream = blob.stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The file's bytes, decompressed when it is gzip; a damaged gzip file rejects (caller says so). */
export async function backupBytes(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  if (!isGzip(bytes)) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
