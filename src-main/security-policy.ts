/**
 * The Content Security Policy of the renderer, the same in Electron (response header and the meta tag
 * of index.html) and in the web host. No inline or remote script, no eval, no plugins, no framing;
 * styles allow 'unsafe-inline' because Mantine sets CSS variables on elements at run time.
 * `tests/unit/security-policy.test.ts` checks that index.html carries the meta version of it.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** Browsers ignore (and warn about) frame-ancestors in a meta tag; the header carries it. */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
