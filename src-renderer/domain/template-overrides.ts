/**
 * The shop's own wording of the shipped templates (issue 4 part 5, issue 6 part 1: "editable
 * templates"). Pure. The shop never creates templates from nothing: it rewrites the subject and body
 * of a shipped one (`editableTemplates`: every message and letter text, in French and English), and
 * can go back to the original at any time. What it wrote is an *override*, stored by template id and
 * language (settings row `templateOverrides`, see db/template-overrides-repo.ts).
 *
 * Every consumer (email, SMS and WhatsApp drafts, letters, the call script) reads templates through
 * `effectiveTemplates` / `resolveTemplate`, so an override is used everywhere at once. An override that
 * no longer validates (a merge field removed in a later version, a row edited by hand) is ignored and
 * the original text is used: a reminder never goes out with a hole in it.
 */
import { builtInTemplates, CLOSING_LINE } from './builtin-templates';
import { letterTemplates } from './letter-templates';
import type { Language, MessageTemplate, TemplateOverride, TemplateOverrides } from './model';
import { validateTemplate } from './templates';

export type { TemplateOverride, TemplateOverrides } from './model';

let catalog: readonly MessageTemplate[] | undefined;

/** Every template the shop can rewrite: the messages (builtin-templates.ts) then the letters. */
export function editableTemplates(): readonly MessageTemplate[] {
  catalog ??= Object.freeze([...builtInTemplates(), ...letterTemplates()].map((template) => Object.freeze(template)));
  return catalog;
}

/** The shipped text of a template, or undefined when no such template exists. */
export function originalTemplate(id: string, language: Language): MessageTemplate | undefined {
  const found = editableTemplates().find((template) => template.id === id && template.language === language);
  return found ? { ...found } : undefined;
}

/** The template with the shop's text when it has one that validates; `builtIn` false when edited. */
function applyOverride(original: MessageTemplate, override: TemplateOverride | undefined): MessageTemplate {
  if (!override) return { ...original };
  const edited: MessageTemplate = {
    ...original,
    body: override.body,
    ...(original.subject !== undefined ? { subject: override.subject ?? original.subject } : {}),
    builtIn: false,
  };
  return validateTemplate(edited).length === 0 ? edited : { ...original };
}

/**
 * The template `id` in `language` as the shop uses it: its override when there is a valid one, else
 * the shipped text; undefined when no such template ships (an override alone is not a template).
 */
export function resolveTemplate(id: string, language: Language, overrides: TemplateOverrides | undefined): MessageTemplate | undefined {
  const original = editableTemplates().find((template) => template.id === id && template.language === language);
  return original ? applyOverride(original, overrides?.[id]?.[language]) : undefined;
}

const effectiveCache = new WeakMap<object, readonly MessageTemplate[]>();
const NO_OVERRIDES: TemplateOverrides = Object.freeze({});

/**
 * Every editable template as the shop uses it: the `templates` list that `templateFor`,
 * `draftReminder` and `buildLetterInput` take. Cached per overrides object (the live settings give a
 * new object only when something changed), since Today drafts many messages from the same list.
 */
export function effectiveTemplates(overrides: TemplateOverrides | undefined): readonly MessageTemplate[] {
  const key = overrides ?? NO_OVERRIDES;
  let list = effectiveCache.get(key);
  if (!list) {
    list = editableTemplates().map((template) => applyOverride(template, key[template.id]?.[template.language]));
    effectiveCache.set(key, list);
  }
  return list;
}

export function isOverridden(id: string, language: Language, overrides: TemplateOverrides | undefined): boolean {
  return overrides?.[id]?.[language] !== undefined;
}

/** `overrides` with the text of `id` in `language` replaced, or removed when `override` is undefined. */
export function withOverride(overrides: TemplateOverrides, id: string, language: Language, override: TemplateOverride | undefined): TemplateOverrides {
  const languages = { ...overrides[id] };
  if (override) languages[language] = override;
  else delete languages[language];
  const next = { ...overrides, [id]: languages };
  if (Object.keys(languages).length === 0) delete next[id];
  return next;
}

/**
 * The overrides read from storage, keeping only well-formed entries of templates that exist (a
 * stored value is outside the type system: a restored backup, an older version, a hand edit).
 */
export function parseTemplateOverrides(value: unknown): TemplateOverrides {
  if (typeof value !== 'object' || value === null) return {};
  const result: Record<string, Partial<Record<Language, TemplateOverride>>> = {};
  for (const [id, byLanguage] of Object.entries(value as Record<string, unknown>)) {
    if (typeof byLanguage !== 'object' || byLanguage === null) continue;
    for (const language of ['fr', 'en'] as const) {
      const entry = (byLanguage as Record<string, unknown>)[language] as Record<string, unknown> | undefined;
      if (!originalTemplate(id, language) || typeof entry !== 'object' || entry === null || typeof entry.body !== 'string') continue;
      (result[id] ??= {})[language] = {
        body: entry.body,
        ...(typeof entry.subject === 'string' ? { subject: entry.subject } : {}),
        savedAt: typeof entry.savedAt === 'string' ? entry.savedAt : '',
      };
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Warnings: what the editor points out without refusing (the shop has the last word on its wording).

export type TemplateWarningCode = 'no-closing-line' | 'threatening-word';

export interface TemplateWarning {
  code: TemplateWarningCode;
  /** The word or phrase found (threatening-word). */
  word?: string;
  part?: 'subject' | 'body';
  /** 1-based line of the word in its part. */
  line?: number;
}

/**
 * Words that threaten or humiliate, which the source articles advise against (DOMAIN.md: "never
 * threatening", "montant dû" rather than "dette"). Both languages are checked whatever the template's,
 * since a shop may write its English text in French. The formal notice's factual mention of the
 * payment order procedure ("injonction de payer", "tribunal compétent") is not in the list.
 */
// Whole words by hand: `\b` knows only ASCII letters (it finds no word end after "forcé").
const THREATENING: readonly RegExp[] = [
  'dettes?',
  'huissiers?',
  'saisies?',
  'poursuites?',
  'contentieux',
  'mena[cç]\\p{L}*',
  'mauvais payeurs?',
  'dernier avertissement',
  'recouvrement forcé',
  'sanctions?',
  'debts?',
  'bailiffs?',
  'seiz(?:e|ed|es|ing|ure)',
  'threat\\p{L}*',
  'prosecut\\p{L}*',
  'collection agency',
  'debt collectors?',
  'bad payers?',
  'final warning',
].map((word) => new RegExp(`(?<![\\p{L}\\d])${word}(?![\\p{L}\\d])`, 'iu'));

/** Lower case, one kind of apostrophe, single spaces: the closing line is found however it was retyped. */
function normalized(text: string): string {
  return text.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ');
}

function hasClosingLine(text: string, language: Language): boolean {
  return normalized(text).includes(normalized(CLOSING_LINE[language]).replace(/\.$/, ''));
}

/**
 * The warnings on `template` (the edited text of `original`): the courtesy closing line is missing
 * while the shipped text has it ("Si ce rappel a croisé votre règlement, merci de ne pas en tenir
 * compte."), or a threatening word is used. Merge-field names are not words of the message: they are
 * left out of the search.
 */
export function templateWarnings(template: Pick<MessageTemplate, 'language' | 'subject' | 'body'>, original: Pick<MessageTemplate, 'language' | 'body'> | undefined): TemplateWarning[] {
  const warnings: TemplateWarning[] = [];
  if (original && hasClosingLine(original.body, original.language) && !hasClosingLine(template.body, template.language)) {
    warnings.push({ code: 'no-closing-line' });
  }
  for (const part of ['subject', 'body'] as const) {
    const source = template[part];
    if (source === undefined) continue;
    const words = source.replace(/\{\{[^{}]*\}\}/g, (tag) => ' '.repeat(tag.length));
    for (const pattern of THREATENING) {
      const match = pattern.exec(words);
      if (!match) continue;
      warnings.push({ code: 'threatening-word', word: match[0], part, line: words.slice(0, match.index).split('\n').length });
    }
  }
  return warnings;
}

// ---------------------------------------------------------------------------------------------------
// SMS length

/** GSM 03.38 basic set (one septet each) and its extension (two septets each: escape + char). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export interface SmsLength {
  characters: number;
  /** `gsm`: 160 characters per SMS (153 when split); `unicode` (any other character, e.g. "’", "ê"): 70 (67). */
  encoding: 'gsm' | 'unicode';
  /** How many SMS the phone will send. */
  segments: number;
}

/** How long a text message is, the way phones count it. */
export function smsLength(text: string): SmsLength {
  const chars = [...text];
  const gsm = chars.every((char) => GSM_BASIC.has(char) || GSM_EXTENDED.has(char));
  if (gsm) {
    const septets = chars.reduce((sum, char) => sum + (GSM_EXTENDED.has(char) ? 2 : 1), 0);
    return { characters: chars.length, encoding: 'gsm', segments: septets === 0 ? 0 : septets <= 160 ? 1 : Math.ceil(septets / 153) };
  }
  // UTF-16 code units: a character outside the BMP (an emoji) takes two.
  const units = text.length;
  return { characters: chars.length, encoding: 'unicode', segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
