import { EVENT_NAMES, METHOD_NAMES, type EventName, type MethodName } from '../contract/names';

/**
 * Builds the `window.relance` object from a transport: one function per contract method, grouped by
 * service (`relance.files.saveAs(args)`), and `on(event, listener)` that returns an unsubscribe
 * function. Used by the Electron preload (over ipcRenderer) and by the browser client (over HTTP),
 * so the renderer sees exactly the same object in both modes.
 */
export interface Transport {
  call(method: MethodName, args: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function buildBridge(transport: Transport): Record<string, unknown> {
  const bridge: Record<string, Record<string, (args?: unknown) => Promise<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    const [service, fn] = method.split('.') as [string, string];
    bridge[service] ??= {};
    bridge[service][fn] = (args?: unknown) => transport.call(method, args ?? {});
  }
  return {
    ...bridge,
    on(event: unknown, listener: unknown): () => void {
      if (!(EVENT_NAMES as readonly unknown[]).includes(event) || typeof listener !== 'function') {
        throw new TypeError(`relance.on: unknown event "${String(event)}" or listener not a function`);
      }
      return transport.subscribe(event as EventName, listener as (payload: unknown) => void);
    },
  };
}

/** Unwraps a `{ ok, result | error }` reply, the same over IPC and HTTP. */
export function unwrapReply(reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const typed = reply as { ok: boolean; result?: unknown; error?: { code?: string; message?: string; issues?: unknown } };
    if (typed.ok) return typed.result;
    const error = new Error(typed.error?.message ?? 'Unknown error') as Error & { code?: string; issues?: unknown };
    error.name = 'ContractError';
    error.code = typed.error?.code ?? 'internal';
    if (typed.error?.issues) error.issues = typed.error.issues;
    throw error;
  }
  throw new Error('Malformed reply from the main process');
}
