/**
 * How the shipped template texts are written, shared by builtin-templates.ts (messages) and
 * letter-templates.ts (letters): one line per argument, and one list per language assembled into
 * `MessageTemplate`s that share their id across languages.
 */
import type { MessageTemplate } from './model';

/** The text a template is written in, without what `bilingual` adds. */
export type TemplateText = Omit<MessageTemplate, 'language' | 'builtIn'>;

/** Joins the lines of a template body (a blank string is an empty line). */
export const lines = (...parts: string[]): string => parts.join('\n');

/** Fresh built-in copies of both lists, French first. */
export function bilingual(fr: readonly TemplateText[], en: readonly TemplateText[]): MessageTemplate[] {
  return [
    ...fr.map((template): MessageTemplate => ({ ...template, language: 'fr', builtIn: true })),
    ...en.map((template): MessageTemplate => ({ ...template, language: 'en', builtIn: true })),
  ];
}
