import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../src-main/contract/names';
import { methods } from '../../../src-main/contract/methods';
import { createWebPlatform } from '../../../src-main/services/web-platform';
import { BODY_LIMITS, DEFAULT_BODY_LIMIT, startWebHost, type WebHost } from '../../../src-main/web-host';
import { filesUnder } from '../fs-snapshot';

/**
 * Malformed and oversized calls to every method of the contract, over HTTP against the real web
 * host: each gets a clear 4xx naming what is wrong (never a 5xx, never a hang), the host keeps
 * answering, and nothing is written in the data folder (nor the export folder) by a refused call.
 * The methods come from the contract's name lists; the string positions from their zod schemas.
 */

const LONG = '<script>'.repeat(1_250); // 10,000 characters, and not base64, an email, a date nor a host name
const REPLY_TIMEOUT_MS = 10_000;

interface Reply {
  status: number;
  body: string;
}

let root: string;
let host: WebHost;
let tried = 0;

/** Raw HTTP; the body is sent in chunks (no Content-Length) when `chunked`, as a streaming client would. */
function send(path: string, body: string | Buffer, options: { chunked?: boolean } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No answer within ${REPLY_TIMEOUT_MS} ms for ${path}`)), REPLY_TIMEOUT_MS);
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path,
        headers: {
          Host: `127.0.0.1:${host.port}`,
          Authorization: `Bearer ${host.token}`,
          'Content-Type': 'application/json',
          ...(options.chunked ? {} : { 'Content-Length': Buffer.byteLength(body) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    // The host may answer 413 and stop reading before the whole body is sent: the answer is what counts.
    req.on('error', (error) => {
      if (!req.destroyed || (error as NodeJS.ErrnoException).code !== 'EPIPE') {
        clearTimeout(timer);
        reject(error);
      }
    });
    if (options.chunked) {
      const data = Buffer.from(body);
      for (let at = 0; at < data.length; at += 1024 * 1024) req.write(data.subarray(at, at + 1024 * 1024));
    } else {
      req.write(body);
    }
    req.end();
  });
}

/** A malformed call (counted for the closing line). */
function call(method: string, body: string | Buffer, options?: { chunked?: boolean }): Promise<Reply> {
  tried += 1;
  return send(`/api/call/${encodeURIComponent(method)}`, body, options);
}

/** A clear refusal: 4xx, JSON `{ ok: false, error: { code, message } }`, the message containing `words`. */
function expectRefused(reply: Reply, label: string, words?: RegExp): { code: string; message: string; issues?: { path: string; message: string }[] } {
  expect(reply.status, `${label}: ${reply.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(reply.status, label).toBeLessThan(500);
  const parsed = JSON.parse(reply.body) as { ok: boolean; error: { code: string; message: string; issues?: { path: string; message: string }[] } };
  expect(parsed.ok, label).toBe(false);
  expect(parsed.error.message.length, label).toBeGreaterThan(10);
  if (words) expect(parsed.error.message, label).toMatch(words);
  return parsed.error;
}

// ---------------------------------------------------------------------------------------------------
// String positions of a schema (zod 4 definitions), with the longest value each accepts.

interface StringPosition {
  path: (string | number)[];
  maxLength: number | null;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; options?: z.ZodType[] };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function stringPositions(schema: z.ZodType, path: (string | number)[] = []): StringPosition[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return [{ path, maxLength: (schema as unknown as { maxLength: number | null }).maxLength ?? null }];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, value]) => stringPositions(value, [...path, key]));
    case 'array':
      return stringPositions(def.element!, [...path, 0]);
    case 'optional':
    case 'nullable':
    case 'default':
      return stringPositions(def.innerType!, path);
    case 'union':
      return (def.options ?? []).flatMap((option) => stringPositions(option, path));
    default:
      return [];
  }
}

/** `{ a: [{ b: value }] }` for the path `a.0.b`. */
function withValueAt(path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [withValueAt(rest, value)] : { [head as string]: withValueAt(rest, value) };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'relance-bad-calls-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Relance</title>');
  host = await startWebHost({
    platform: createWebPlatform({ dataDir: join(root, 'data'), appVersion: '0.1.0', exportDir: join(root, 'exports') }),
    rendererDir,
  });
});

afterAll(async () => {
  await host?.close();
  await rm(root, { recursive: true, force: true });
  console.log(`contract over HTTP: ${tried} malformed or oversized calls tried on ${METHOD_NAMES.length} methods, every one refused with a 4xx, nothing written`);
});

describe('every method of the contract refuses malformed calls over HTTP', () => {
  it('covers the methods of every name list (core, mail, letters)', () => {
    expect(METHOD_NAMES.length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(methods).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it.each([...METHOD_NAMES])('%s', async (method) => {
    const before = await filesUnder(root);
    const schema = methods[method].args as z.ZodType;

    expectRefused(await call(method, '{"oops"'), 'invalid JSON', /not valid JSON/);
    expectRefused(await call(method, '{"a":1,'), 'truncated JSON', /not valid JSON/);
    expectRefused(await call(method, '\u0000\u00ff binary'), 'binary', /not valid JSON/);
    for (const [label, body, found] of [
      ['null', 'null', 'null'],
      ['an array', '[]', 'an array'],
      ['an array of arguments', '[{}]', 'an array'],
      ['a string', '"app"', 'a string'],
      ['a number', '42', 'a number'],
      ['a boolean', 'true', 'a boolean'],
    ] as const) {
      expectRefused(await call(method, body), label, new RegExp(`must be a JSON object, not ${found}`));
    }

    for (const key of ['__unexpected', 'constructor', '__proto__']) {
      const error = expectRefused(await call(method, `{"${key}":{"polluted":true}}`), `unknown key ${key}`);
      expect(error.code).toBe('invalid-arguments');
      // Named when the schema complains about it (a method may first list its missing fields).
      if (Object.keys(defOf(schema).shape ?? {}).length === 0) expect(error.message).toContain(key);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // Each string position with the wrong type, then with 10,000 characters.
    const positions = stringPositions(schema);
    for (const { path, maxLength } of positions) {
      const name = path.join('.');
      const wrongType = expectRefused(await call(method, JSON.stringify(withValueAt(path, 12))), `${name} as a number`);
      expect(wrongType.issues?.map((issue) => issue.path)).toContain(name);
      const long = expectRefused(await call(method, JSON.stringify(withValueAt(path, LONG))), `${name} with 10,000 characters`);
      expect(long.code).toBe('invalid-arguments');
      expect(long.issues?.length ?? 0).toBeGreaterThan(0);
      // The position itself is named whenever 10,000 characters is over its limit.
      if (maxLength !== null && maxLength < LONG.length) expect(long.issues?.map((issue) => issue.path)).toContain(name);
    }

    // A body over the cap, sent in chunks (no Content-Length to refuse it early).
    const cap = BODY_LIMITS[method] ?? DEFAULT_BODY_LIMIT;
    const oversized = `{"pad":"${'x'.repeat(cap)}"}`;
    expectRefused(await call(method, oversized, { chunked: true }), 'oversized body', /over \d+ bytes/);

    // Still answering, and nothing written by any of these calls.
    const info = await send('/api/call/app.info', '{}');
    expect(info.status).toBe(200);
    expect(await filesUnder(root)).toEqual(before);
  }, 60_000);
});
