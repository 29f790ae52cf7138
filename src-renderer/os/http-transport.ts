import type { EventName, MethodName } from '../../src-main/contract/names';
import { unwrapReply, type Transport } from '../../src-main/preload/bridge';

/**
 * The browser mode's transport to the web host on 127.0.0.1: calls are `POST /api/call/<method>`
 * with the per-run token; events arrive as Server-Sent Events on `/api/events`, read with fetch
 * (EventSource cannot send the Authorization header) and reconnected with a growing delay.
 */
const TOKEN_KEY = 'relance.webToken';

/** Takes the token from the address the host printed, keeps it for reloads, and hides it from the URL bar. */
export function takeTokenFromLocation(location: Location, storage: Storage, history: History): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

export class AccessTokenError extends Error {
  readonly code = 'forbidden';
}

export function createHttpTransport(options: { baseUrl: string; token: string | null; fetch?: typeof fetch }): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = { Authorization: `Bearer ${options.token ?? ''}` };
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let streaming = false;

  async function call(method: MethodName, args: unknown): Promise<unknown> {
    const response = await doFetch(new URL(`api/call/${method}`, options.baseUrl), {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(args ?? {}),
    });
    const reply: unknown = await response.json().catch(() => ({
      ok: false,
      error: { code: 'internal', message: `The Relance host answered ${response.status}` },
    }));
    if (response.status === 401) throw new AccessTokenError((reply as { error?: { message?: string } }).error?.message);
    return unwrapReply(reply);
  }

  async function readStream(): Promise<void> {
    let delay = 1000;
    for (;;) {
      try {
        const response = await doFetch(new URL('api/events', options.baseUrl), { headers });
        if (response.status === 401) return; // a stale token: the UI says so on the next call
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        delay = 1000;
        await parseEventStream(response.body, (event, data) => {
          for (const listener of listeners.get(event as EventName) ?? []) listener(data);
        });
      } catch {
        // Host restarted or the network hiccuped: try again shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  }

  return {
    call,
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      if (!streaming) {
        streaming = true;
        void readStream();
      }
      return () => set.delete(listener);
    },
  };
}

/** Reads a text/event-stream body and calls `onEvent` for each complete event with JSON data. */
export async function parseEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: string, data: unknown) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length === 0) continue;
      try {
        onEvent(event, JSON.parse(data.join('\n')));
      } catch {
        // A malformed event is dropped, the stream goes on.
      }
    }
  }
}
