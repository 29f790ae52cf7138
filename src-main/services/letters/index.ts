import type { LETTER_METHOD_NAMES } from '../../contract/letters-names';
import type { ServiceModule } from '../handler-types';
import type { EventSink, Platform } from '../platform';

export type LetterMethodName = (typeof LETTER_METHOD_NAMES)[number];

/** The letters service: PDF letters rendered with @react-pdf/renderer, archived, printed. */
export async function createLetterService(_platform: Platform, _events: EventSink): Promise<ServiceModule<LetterMethodName>> {
  return { handlers: {}, stop: () => undefined };
}
