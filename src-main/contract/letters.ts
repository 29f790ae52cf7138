import type { z } from 'zod';
import type { LETTER_EVENT_NAMES, LETTER_METHOD_NAMES } from './letters-names';

/** Schemas of the letters service's methods and events (see methods.ts for the conventions). */
export const letterMethods = {} as const satisfies Record<(typeof LETTER_METHOD_NAMES)[number], { args: z.ZodType; result: z.ZodType }>;
export const letterEvents = {} as const satisfies Record<(typeof LETTER_EVENT_NAMES)[number], z.ZodType>;
