import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../src-main/web-host';
import { createWebPlatform } from '../../src-main/services/web-platform';

/** Raw HTTP, so that the tests can send the headers a hostile page or a rebinding attack would. */
function send(
  host: WebHost,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${host.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

let dir: string;
let host: WebHost;
const json = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-host-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Relance</title>');
  await writeFile(join(rendererDir, 'assets', 'app-123.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'not for the web');
  host = await startWebHost({
    platform: createWebPlatform({ dataDir: join(dir, 'data'), appVersion: '0.1.0', exportDir: join(dir, 'exports') }),
    rendererDir,
  });
});

afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe('web host', () => {
  it('listens on 127.0.0.1 only and prints a URL with a long random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
    expect(host.openUrl).toContain(`?token=${host.token}`);
  });

  it('answers a good call', async () => {
    const res = await send(host, { method: 'POST', path: '/api/call/app.info', headers: json(host.token), body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, result: { shell: 'web' } });
  });

  it.each([
    ['no token', {}, 401],
    ['a wrong token', { Authorization: 'Bearer nope' }, 401],
    ['a token of the right length but wrong', { Authorization: `Bearer ${'x'.repeat(32)}` }, 401],
  ])('refuses a call with %s', async (_label, headers, status) => {
    const res = await send(host, {
      method: 'POST',
      path: '/api/call/app.info',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: '{}',
    });
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body).error.message).toMatch(/token/);
  });

  it.each([
    ['a foreign Origin', { Origin: 'https://evil.example' }],
    ['a null Origin', { Origin: 'null' }],
    ['a rebinding Host', { Host: 'evil.example:80' }],
    ['a cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }],
  ])('refuses %s even with the token', async (_label, headers) => {
    const res = await send(host, {
      method: 'POST',
      path: '/api/call/app.info',
      headers: { ...json(host.token), ...headers },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).ok).toBe(false);
  });

  it('accepts the same origin', async () => {
    const res = await send(host, {
      method: 'POST',
      path: '/api/call/app.info',
      headers: { ...json(host.token), Origin: `http://127.0.0.1:${host.port}`, 'Sec-Fetch-Site': 'same-origin' },
      body: '{}',
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ['invalid JSON', { body: '{"oops"' }, 400, 'not valid JSON'],
    ['a form post', { body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 415, 'application/json'],
    ['GET on a call', { method: 'GET' }, 405, 'POST'],
    ['an unknown method', { path: '/api/call/nope.nope', body: '{}' }, 404, 'nope.nope'],
    ['invalid arguments', { path: '/api/call/notify.show', body: '{"title":""}' }, 400, 'title'],
    ['an oversized body', { body: JSON.stringify({ pad: 'x'.repeat(300_000) }) }, 413, 'over'],
    ['an unknown API path', { path: '/api/elsewhere', body: '{}' }, 404, 'No API'],
  ])('answers %s with a clear 4xx', async (_label, options, status, words) => {
    const opts = options as { body?: string; headers?: Record<string, string>; method?: string; path?: string };
    const res = await send(host, {
      method: opts.method ?? 'POST',
      path: opts.path ?? '/api/call/app.info',
      headers: { ...json(host.token), ...opts.headers },
      ...(opts.body !== undefined ? { body: opts.body } : {}),
    });
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body).error.message).toContain(words);
    // And the host is still up.
    const after = await send(host, { method: 'POST', path: '/api/call/app.info', headers: json(host.token), body: '{}' });
    expect(after.status).toBe(200);
  });

  it('serves the renderer with the strict CSP and security headers', async () => {
    const res = await send(host, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.body).toContain('<title>Relance</title>');
    const asset = await send(host, { path: '/assets/app-123.js' });
    expect(asset.headers['content-type']).toContain('javascript');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/missing.js'])(
    'never serves anything outside the renderer: %s',
    async (path) => {
      const res = await send(host, { path });
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('not for the web');
    },
  );

  it('serves the page for in-app paths (single page app)', async () => {
    const res = await send(host, { path: '/clients' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Relance</title>');
  });

  it('streams events only with the token', async () => {
    expect((await send(host, { path: '/api/events' })).status).toBe(401);
  });
});
