import type { z } from 'zod';
import type { MAIL_EVENT_NAMES, MAIL_METHOD_NAMES } from './mail-names';

/** Schemas of the mail service's methods and events (see methods.ts for the conventions). */
export const mailMethods = {} as const satisfies Record<(typeof MAIL_METHOD_NAMES)[number], { args: z.ZodType; result: z.ZodType }>;
export const mailEvents = {} as const satisfies Record<(typeof MAIL_EVENT_NAMES)[number], z.ZodType>;
