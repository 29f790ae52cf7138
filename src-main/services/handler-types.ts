import type { z } from 'zod';
import type { MethodName, MethodResult, Methods } from '../contract/methods';

/** The handler of each method in `N`: validated arguments in, a result of the contract's shape out. */
export type HandlersOf<N extends MethodName> = {
  [M in N]: (args: z.output<Methods[M]['args']>) => Promise<MethodResult<M>>;
};

/** What a service module gives `createServices`: its handlers, and how to stop its timers. */
export interface ServiceModule<N extends MethodName> {
  handlers: HandlersOf<N>;
  stop(): void;
}
