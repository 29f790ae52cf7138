/**
 * The shop's own wording of the templates (domain/template-overrides.ts), kept in the settings row
 * `templateOverrides` (one row for all of them: no schema change, and a backup carries it like any
 * setting). Saving validates the text first: a template with an unknown merge field is refused here
 * too, not only by the editor, because drafts would otherwise fall back to the original in silence.
 */
import type { IsoInstant, Language } from '../domain/model';
import { originalTemplate, parseTemplateOverrides, withOverride, type TemplateOverrides } from '../domain/template-overrides';
import { validateTemplate, type TemplateIssue } from '../domain/templates';
import type { RelanceDatabase } from './database';

export const TEMPLATE_OVERRIDES_KEY = 'templateOverrides';

export class TemplateSaveError extends Error {
  constructor(
    readonly templateId: string,
    readonly issues: TemplateIssue[],
  ) {
    super(`The template "${templateId}" cannot be saved: ${issues.map((issue) => `${issue.code}${issue.field ? ` (${issue.field})` : ''}`).join(', ')}`);
    this.name = 'TemplateSaveError';
  }
}

export async function getTemplateOverrides(db: RelanceDatabase): Promise<TemplateOverrides> {
  return parseTemplateOverrides((await db.settings.get(TEMPLATE_OVERRIDES_KEY))?.value);
}

export interface TemplateEdit {
  id: string;
  language: Language;
  /** Ignored for templates without a subject (SMS, WhatsApp, the call script). */
  subject?: string;
  body: string;
}

/** Saves the shop's text of one template in one language; throws `TemplateSaveError` when it does not validate. */
export function saveTemplateOverride(db: RelanceDatabase, edit: TemplateEdit, now: IsoInstant): Promise<void> {
  const original = originalTemplate(edit.id, edit.language);
  if (!original) return Promise.reject(new Error(`No template "${edit.id}" in ${edit.language}`));
  const subject = original.subject !== undefined ? (edit.subject ?? original.subject) : undefined;
  const issues = validateTemplate({ channel: original.channel, body: edit.body, ...(subject !== undefined ? { subject } : {}) });
  if (issues.length > 0) return Promise.reject(new TemplateSaveError(edit.id, issues));
  return db.transaction('rw', db.settings, async () => {
    const overrides = await getTemplateOverrides(db);
    const next = withOverride(overrides, edit.id, edit.language, { body: edit.body, ...(subject !== undefined ? { subject } : {}), savedAt: now });
    await db.settings.put({ key: TEMPLATE_OVERRIDES_KEY, value: next });
  });
}

/** Back to the shipped text of one template in one language. */
export function revertTemplate(db: RelanceDatabase, id: string, language: Language): Promise<void> {
  return db.transaction('rw', db.settings, async () => {
    const next = withOverride(await getTemplateOverrides(db), id, language, undefined);
    if (Object.keys(next).length === 0) await db.settings.delete(TEMPLATE_OVERRIDES_KEY);
    else await db.settings.put({ key: TEMPLATE_OVERRIDES_KEY, value: next });
  });
}
