import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../src-main/security-policy';

describe('Content Security Policy', () => {
  const html = readFileSync(new URL('../../src-renderer/index.html', import.meta.url), 'utf8');
  const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];

  it('index.html carries the same policy the hosts send as a header', () => {
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
  });

  it.each([
    ["default-src 'none'"],
    ["script-src 'self'"],
    ["object-src 'none'"],
    ["base-uri 'none'"],
    ["frame-ancestors 'none'"],
  ])('the header policy has %s', (directive) => {
    expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(directive);
  });

  it('allows no inline or evaluated script, nor any remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:|\*/);
  });
});
