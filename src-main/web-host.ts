import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createDispatcher, toErrorShape, type Dispatch } from './dispatch';
import { ContractError } from './contract/errors';
import { EventHub, type Platform } from './services/platform';
import { createServices, type Services } from './services';
import { CONTENT_SECURITY_POLICY } from './security-policy';

/**
 * The web host: the same dispatcher and services as Electron, over HTTP on 127.0.0.1, serving the
 * built renderer. It exists so that the real renderer runs in a plain browser (and in the end-to-end
 * tests) on machines where the Electron binary cannot be installed.
 *
 * Defences, since any web page the user visits can send requests to 127.0.0.1:
 * - bound to 127.0.0.1 only;
 * - every API call needs the per-run token (`Authorization: Bearer …`), which only the person who
 *   started the host has (it is printed in the URL);
 * - the Host header must be 127.0.0.1:port or localhost:port (defeats DNS rebinding), and a request
 *   that carries an Origin must come from that same origin (defeats cross-site requests);
 * - API calls must be JSON (`Content-Type: application/json`), bodies are capped;
 * - every failure is a 4xx/5xx with a JSON `{ code, message }`, never a crash.
 */

export interface WebHostOptions {
  platform: Platform;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  /** The URL to open, with the token. */
  openUrl: string;
  port: number;
  token: string;
  services: Services;
  close(): Promise<void>;
}

/** Body caps: files may carry a backup; everything else is small. */
export const DEFAULT_BODY_LIMIT = 256 * 1024;
const LARGE_BODY = 48 * 1024 * 1024;
export const BODY_LIMITS: Readonly<Record<string, number>> = {
  'files.saveAs': LARGE_BODY,
  'files.openDocument': LARGE_BODY,
  'backup.saveDaily': LARGE_BODY,
  'backup.saveBeforeRestore': LARGE_BODY,
  // Drafts may carry PDFs (letters, invoice copies) as attachments; letters a logo.
  'mail.send': LARGE_BODY,
  'letters.render': 8 * 1024 * 1024,
  'letters.renderBatch': LARGE_BODY,
  'letters.archive': 8 * 1024 * 1024,
};

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function tokensMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) throw new HttpError(413, 'too-large', `Request body over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'too-large', `Request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const hub = new EventHub();
  const services = await createServices(options.platform, hub);
  const dispatch: Dispatch = createDispatcher(services.handlers);
  const rendererRoot = resolve(options.rendererDir);
  const streams = new Set<ServerResponse>();
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  function checkHostAndOrigin(request: IncomingMessage): void {
    const host = request.headers.host ?? '';
    if (!allowedHosts().has(host)) throw new HttpError(403, 'forbidden', `Host "${host.slice(0, 100)}" is not allowed`);
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      throw new HttpError(403, 'forbidden', `Origin "${origin.slice(0, 100)}" is not allowed`);
    }
    // Browsers send Sec-Fetch-Site on every request: refuse anything another site initiated.
    const site = request.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') {
      throw new HttpError(403, 'forbidden', 'Cross-site requests are not allowed');
    }
  }

  function checkToken(request: IncomingMessage): void {
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!given || !tokensMatch(token, given)) {
      throw new HttpError(401, 'forbidden', 'Missing or wrong access token: open the address printed by `npm run web`');
    }
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    if (request.method !== 'POST') throw new HttpError(405, 'method-not-allowed', 'Use POST for API calls');
    const contentType = request.headers['content-type'] ?? '';
    if (!contentType.toLowerCase().startsWith('application/json')) {
      throw new HttpError(415, 'unsupported-media-type', 'API calls must be sent as application/json');
    }
    const body = await readBody(request, BODY_LIMITS[method] ?? DEFAULT_BODY_LIMIT);
    let args: unknown;
    try {
      args = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpError(400, 'invalid-json', 'The request body is not valid JSON');
    }
    try {
      const result = await dispatch(method, args);
      sendJson(response, 200, { ok: true, result });
    } catch (error) {
      const shape = toErrorShape(error);
      const status =
        shape.code === 'unknown-method' ? 404 : shape.code === 'invalid-arguments' || shape.code === 'not-allowed' ? 400 : 500;
      sendJson(response, status, { ok: false, error: shape });
    }
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    response.write(': connected\n\n');
    streams.add(response);
    const unsubscribe = hub.subscribe((event, payload) => {
      response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    // A comment line every 25 s keeps proxies and the browser from timing the stream out.
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 25_000);
    keepAlive.unref();
    request.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(response);
    });
  }

  async function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new HttpError(405, 'method-not-allowed', 'Only GET is served here');
    }
    let relative = decodeURIComponent(pathname);
    if (relative.includes('\0')) throw new HttpError(400, 'bad-path', 'Bad path');
    if (relative === '/' || relative === '') relative = '/index.html';
    const target = normalize(join(rendererRoot, relative));
    if (target !== rendererRoot && !target.startsWith(rendererRoot + sep)) {
      throw new HttpError(404, 'not-found', 'Not found');
    }
    let file = target;
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      // The renderer is a single page: unknown paths without an extension get the page itself.
      if (extname(relative) !== '') throw new HttpError(404, 'not-found', `Not found: ${relative.slice(0, 100)}`);
      file = join(rendererRoot, 'index.html');
    }
    const content = await readFile(file).catch(() => {
      throw new HttpError(503, 'not-built', 'The renderer is not built: run `npm run build` first');
    });
    const isHtml = extname(file) === '.html';
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': content.length,
      // Hashed asset names never change; the page itself is always revalidated.
      'Cache-Control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    response.end(request.method === 'HEAD' ? undefined : content);
  }

  const server: Server = createServer((request, response) => {
    void (async () => {
      try {
        checkHostAndOrigin(request);
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        if (url.pathname.startsWith('/api/')) {
          checkToken(request);
          if (url.pathname === '/api/events') return handleEvents(request, response);
          const callPrefix = '/api/call/';
          if (url.pathname.startsWith(callPrefix)) {
            return await handleCall(request, response, decodeURIComponent(url.pathname.slice(callPrefix.length)));
          }
          throw new HttpError(404, 'not-found', `No API at ${url.pathname.slice(0, 100)}`);
        }
        await serveStatic(request, response, url.pathname);
      } catch (error) {
        if (response.headersSent) {
          response.destroy();
          return;
        }
        if (error instanceof HttpError) {
          sendJson(response, error.status, { ok: false, error: { code: error.code, message: error.message } });
        } else if (error instanceof ContractError) {
          sendJson(response, 400, { ok: false, error: error.toJSON() });
        } else {
          console.error('[relance] web host error:', error);
          sendJson(response, 500, { ok: false, error: { code: 'internal', message: 'Internal error' } });
        }
      }
    })();
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    openUrl: `${url}?token=${encodeURIComponent(token)}`,
    port,
    token,
    services,
    close: async () => {
      services.stop();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}
