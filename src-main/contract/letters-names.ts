/**
 * The letters service's method and event names (no zod: the preload imports this). names.ts adds
 * them to the contract; letters.ts has their schemas.
 */
export const LETTER_METHOD_NAMES = ['letters.render', 'letters.renderBatch', 'letters.archive', 'letters.openArchived', 'letters.readArchived', 'letters.mergeArchived', 'letters.warmUp'] as const;
export const LETTER_EVENT_NAMES = [] as const;
