/**
 * Bytes → base64 for the contract's file methods, in chunks so that large backups do not overflow
 * the stack. Its own module, without the bridge, so that workers can use it.
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
