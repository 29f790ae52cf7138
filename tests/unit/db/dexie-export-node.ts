/**
 * dexie-export-import reads `self` when it loads and reads Blobs with FileReader; Node 20 has
 * neither (Chromium, where the renderer runs, has both). Import this module BEFORE anything that
 * imports src-renderer/db/backup.ts (imports run in order).
 */
const scope = globalThis as Record<string, unknown>;
scope.self ??= globalThis;
if (!('FileReader' in scope)) {
  class NodeFileReader {
    result: ArrayBuffer | null = null;
    error: unknown = null;
    onload: ((event: { target: NodeFileReader }) => void) | null = null;
    onerror: ((event: { target: NodeFileReader }) => void) | null = null;
    onabort: ((event: { target: NodeFileReader }) => void) | null = null;
    readAsArrayBuffer(blob: Blob): void {
      blob.arrayBuffer().then(
        (buffer) => {
          this.result = buffer;
          this.onload?.({ target: this });
        },
        (error: unknown) => {
          this.error = error;
          this.onerror?.({ target: this });
        },
      );
    }
  }
  scope.FileReader = NodeFileReader;
}
export {};
