import type { z } from 'zod';
import { methods, type MethodName } from './contract/methods';
import { ContractError } from './contract/errors';
import type { Handlers } from './services';

function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(arguments)',
    message: issue.message,
  }));
}

export type Dispatch = (method: unknown, args: unknown) => Promise<unknown>;

/**
 * The single entry of the main process: every call from either transport comes through here with
 * `unknown` input, is checked against the contract's schema, runs the service, and has its result
 * checked too (a service bug must not leak an unexpected shape to the renderer).
 */
export function createDispatcher(handlers: Handlers, log: (message: string) => void = console.error): Dispatch {
  return async (method, args) => {
    if (!isMethodName(method)) {
      throw new ContractError('unknown-method', `Unknown method "${String(method).slice(0, 100)}"`);
    }
    const schema = methods[method];
    // No arguments means `{}`; anything else must be an object. (`args ?? {}` used to turn a `null`
    // sent over HTTP into `{}`, accepted by the methods without arguments: found by the bad-input tests.)
    if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
      const found = args === null ? 'null' : Array.isArray(args) ? 'an array' : `a ${typeof args}`;
      const issue = { path: '(arguments)', message: `must be a JSON object, not ${found}` };
      throw new ContractError('invalid-arguments', `Invalid arguments for ${method}: ${issue.path}: ${issue.message}`, [issue]);
    }
    const parsedArgs = schema.args.safeParse(args ?? {});
    if (!parsedArgs.success) {
      const issues = describeIssues(parsedArgs.error);
      throw new ContractError(
        'invalid-arguments',
        `Invalid arguments for ${method}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    let result: unknown;
    try {
      const handler = handlers[method] as (a: unknown) => Promise<unknown>;
      result = await handler(parsedArgs.data);
    } catch (error) {
      if (error instanceof ContractError) throw error;
      log(`[relance] ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new ContractError('internal', `${method} failed: ${error instanceof Error ? error.message : 'unexpected error'}`);
    }
    const parsedResult = schema.result.safeParse(result);
    if (!parsedResult.success) {
      log(`[relance] ${method} returned an invalid result: ${parsedResult.error.message}`);
      throw new ContractError('invalid-result', `${method} returned an unexpected result`);
    }
    return parsedResult.data;
  };
}

/** Turns anything thrown by the dispatcher into the JSON shape both transports send. */
export function toErrorShape(error: unknown) {
  if (error instanceof ContractError) return error.toJSON();
  return { code: 'internal' as const, message: error instanceof Error ? error.message : 'unexpected error' };
}
