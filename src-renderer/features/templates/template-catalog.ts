/**
 * How the template editor lists the templates: one entry per template id (its French and English
 * versions are chosen with the language switch), grouped by channel as a shopkeeper thinks of them.
 */
import type { Channel, Tone } from '../../domain/model';
import { editableTemplates } from '../../domain/template-overrides';
import { TEMPLATE_FIELDS, type TemplateField } from '../../domain/templates';

export type TemplateGroup = 'email' | 'short' | 'letter' | 'other';

export const TEMPLATE_GROUPS: readonly TemplateGroup[] = ['email', 'short', 'letter', 'other'];

const GROUP_OF_CHANNEL: Readonly<Record<Channel, TemplateGroup>> = {
  email: 'email',
  sms: 'short',
  whatsapp: 'short',
  letter: 'letter',
  'formal-notice': 'letter',
  phone: 'other',
  legal: 'other',
};

export interface CatalogEntry {
  id: string;
  channel: Channel;
  tone: Tone;
  group: TemplateGroup;
}

/** Every editable template id once, in the order of the shipped lists, by group. */
export function templateCatalog(): CatalogEntry[] {
  const seen = new Set<string>();
  const entries: CatalogEntry[] = [];
  for (const template of editableTemplates()) {
    if (seen.has(template.id)) continue;
    seen.add(template.id);
    entries.push({ id: template.id, channel: template.channel, tone: template.tone, group: GROUP_OF_CHANNEL[template.channel] });
  }
  return TEMPLATE_GROUPS.flatMap((group) => entries.filter((entry) => entry.group === group));
}

/**
 * The fields offered by the "insert a field" menu: values for the whole message. The per-invoice
 * fields and the sections stay available to those who type them (see domain/templates.ts).
 */
export const INSERTABLE_FIELDS: readonly TemplateField[] = TEMPLATE_FIELDS.filter((field) => field.scope === 'message' && (field.kind === 'text' || field.kind === 'block'));
