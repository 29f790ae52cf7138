import { describe, expect, it } from 'vitest';
import { builtInTemplates, CLOSING_LINE } from '../../../src-renderer/domain/builtin-templates';
import { buildLetterInput } from '../../../src-renderer/domain/letter-input';
import { LETTER_TEMPLATE_IDS, letterTemplates } from '../../../src-renderer/domain/letter-templates';
import type { Language, MessageTemplate, ShopIdentity, TemplateOverrides } from '../../../src-renderer/domain/model';
import { KNOWN_RATES } from '../../../src-renderer/domain/rates';
import { draftReminder } from '../../../src-renderer/domain/reminder-draft';
import {
  editableTemplates,
  effectiveTemplates,
  isOverridden,
  originalTemplate,
  parseTemplateOverrides,
  resolveTemplate,
  smsLength,
  templateWarnings,
  withOverride,
} from '../../../src-renderer/domain/template-overrides';
import { bilingual, lines } from '../../../src-renderer/domain/template-texts';
import { templateFor, validateTemplate } from '../../../src-renderer/domain/templates';
import { aCustomer, anInvoice } from './builders';

const AT = '2026-11-23T10:00:00.000Z';
const OVERRIDES: TemplateOverrides = {
  'first-reminder': {
    fr: { subject: 'Petit rappel pour {{customerName}}', body: 'Bonjour {{contactName}}, il reste {{amountDueTotal}}.', savedAt: AT },
  },
  'sms-reminder': { en: { body: 'Hi from {{shopName}}: {{amountDueTotal}} due.', savedAt: AT } },
  // Broken on purpose: an unknown field (e.g. a row from a later version, or edited by hand).
  'second-reminder': { fr: { subject: 'x', body: 'Bonjour {{nomDuClient}}', savedAt: AT } },
  // A subject on a template that has none is not kept.
  'whatsapp-reminder': { fr: { subject: 'ignored', body: 'Coucou {{shopName}}', savedAt: AT } },
  [LETTER_TEMPLATE_IDS.statement]: { fr: { subject: 'Votre relevé', body: 'Bonjour,\n\n{{invoiceList}}\n\nÀ bientôt, {{shopSignature}}', savedAt: AT } },
  'no-such-template': { fr: { body: 'Hello', savedAt: AT } },
};

describe('the shared writing helpers of the shipped texts', () => {
  it('joins lines and makes one built-in copy per language, French first', () => {
    expect(lines('a', '', 'b')).toBe('a\n\nb');
    const made = bilingual([{ id: 'x', channel: 'sms', tone: 'friendly', body: 'fr' }], [{ id: 'x', channel: 'sms', tone: 'friendly', body: 'en' }]);
    expect(made).toEqual([
      { id: 'x', channel: 'sms', tone: 'friendly', body: 'fr', language: 'fr', builtIn: true },
      { id: 'x', channel: 'sms', tone: 'friendly', body: 'en', language: 'en', builtIn: true },
    ]);
    // Fresh copies: changing one never changes the next call's.
    (made[0] as MessageTemplate).body = 'changed';
    expect(builtInTemplates()[0]?.body).not.toBe('changed');
  });

  it('lists every message and letter template in both languages, each valid, ids unique per language', () => {
    const all = editableTemplates();
    expect(all).toHaveLength(builtInTemplates().length + letterTemplates().length);
    for (const language of ['fr', 'en'] as const) {
      const ids = all.filter((t) => t.language === language).map((t) => t.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const frIds = all.filter((t) => t.language === 'fr').map((t) => t.id).sort();
    expect(all.filter((t) => t.language === 'en').map((t) => t.id).sort()).toEqual(frIds);
    for (const template of all) expect(validateTemplate(template), `${template.id}/${template.language}`).toEqual([]);
  });
});

describe('resolveTemplate', () => {
  it.each<[string, string, Language, Partial<MessageTemplate> | undefined]>([
    ['an override in its language', 'first-reminder', 'fr', { subject: 'Petit rappel pour {{customerName}}', body: 'Bonjour {{contactName}}, il reste {{amountDueTotal}}.', builtIn: false, channel: 'email', tone: 'friendly' }],
    ['the other language keeps the shipped text', 'first-reminder', 'en', { subject: originalTemplate('first-reminder', 'en')?.subject, body: originalTemplate('first-reminder', 'en')?.body, builtIn: true }],
    ['an override without subject (SMS)', 'sms-reminder', 'en', { body: 'Hi from {{shopName}}: {{amountDueTotal}} due.', builtIn: false, channel: 'sms' }],
    ['an invalid override is ignored', 'second-reminder', 'fr', { body: originalTemplate('second-reminder', 'fr')?.body, subject: originalTemplate('second-reminder', 'fr')?.subject, builtIn: true }],
    ['a letter template', LETTER_TEMPLATE_IDS.statement, 'fr', { subject: 'Votre relevé', channel: 'letter', builtIn: false }],
    ['a template never edited', 'formal-notice', 'fr', { body: originalTemplate('formal-notice', 'fr')?.body, builtIn: true }],
    ['an unknown id', 'no-such-template', 'fr', undefined],
  ])('%s', (_, id, language, expected) => {
    const resolved = resolveTemplate(id, language, OVERRIDES);
    if (expected === undefined) expect(resolved).toBeUndefined();
    else expect(resolved).toMatchObject({ id, language, ...expected });
  });

  it('drops a subject given to a template that has none', () => {
    expect(resolveTemplate('whatsapp-reminder', 'fr', OVERRIDES)).not.toHaveProperty('subject');
    expect(resolveTemplate('whatsapp-reminder', 'fr', OVERRIDES)?.body).toBe('Coucou {{shopName}}');
  });

  it('with no overrides at all, gives the shipped text', () => {
    expect(resolveTemplate('courtesy-email', 'en', undefined)).toEqual(originalTemplate('courtesy-email', 'en'));
  });

  it('effectiveTemplates is the whole catalogue with overrides applied, cached per overrides object', () => {
    const effective = effectiveTemplates(OVERRIDES);
    expect(effective).toHaveLength(editableTemplates().length);
    expect(effective.find((t) => t.id === 'first-reminder' && t.language === 'fr')?.subject).toBe('Petit rappel pour {{customerName}}');
    expect(effectiveTemplates(OVERRIDES)).toBe(effective);
    expect(effectiveTemplates({ ...OVERRIDES })).not.toBe(effective);
    expect(effectiveTemplates(undefined).every((t) => t.builtIn)).toBe(true);
    // templateFor (what every consumer calls) finds the override first.
    expect(templateFor('first-reminder', 'fr', 'email', effective).body).toContain('il reste');
  });

  it('withOverride adds, replaces and removes one language without touching the others', () => {
    const one = { body: 'a', savedAt: AT };
    let overrides = withOverride({}, 'sms-reminder', 'fr', one);
    overrides = withOverride(overrides, 'sms-reminder', 'en', { body: 'b', savedAt: AT });
    expect(isOverridden('sms-reminder', 'fr', overrides)).toBe(true);
    overrides = withOverride(overrides, 'sms-reminder', 'fr', undefined);
    expect(overrides).toEqual({ 'sms-reminder': { en: { body: 'b', savedAt: AT } } });
    expect(withOverride(overrides, 'sms-reminder', 'en', undefined)).toEqual({});
  });

  it.each<[string, unknown, TemplateOverrides]>([
    ['nothing stored', undefined, {}],
    ['not an object', 'text', {}],
    ['unknown template or language', { nope: { fr: { body: 'x' } }, 'sms-reminder': { de: { body: 'x' } } }, {}],
    ['a body that is not text', { 'sms-reminder': { fr: { body: 42 } } }, {}],
    ['a well-formed entry', { 'sms-reminder': { fr: { body: 'x', subject: 7, savedAt: AT } } }, { 'sms-reminder': { fr: { body: 'x', savedAt: AT } } }],
  ])('reads stored overrides defensively: %s', (_, stored, expected) => {
    expect(parseTemplateOverrides(stored)).toEqual(expected);
  });
});

describe('warnings of the editor (never a refusal)', () => {
  const original = originalTemplate('first-reminder', 'fr') as MessageTemplate;
  const edit = (body: string, subject = original.subject): Pick<MessageTemplate, 'language' | 'subject' | 'body'> => ({ language: 'fr', body, ...(subject !== undefined ? { subject } : {}) });

  it.each<[string, Pick<MessageTemplate, 'language' | 'subject' | 'body'>, MessageTemplate | undefined, { code: string; word?: string; line?: number; part?: string }[]]>([
    ['the shipped text', original, original, []],
    ['closing line removed', edit('{{salutation}}\n\nMerci de régler {{amountDueTotal}}.'), original, [{ code: 'no-closing-line' }]],
    ['closing line retyped with a straight apostrophe and other spaces', edit(`Bonjour\n\nSi  ce rappel a croisé votre règlement, merci de ne pas en tenir compte !`), original, []],
    ['the courtesy email never had it', edit('Bonjour'), originalTemplate('courtesy-email', 'fr'), []],
    ['the formal notice never had it', edit('Bonjour'), originalTemplate('formal-notice', 'fr'), []],
    ['"dette" on line 3', edit(`Bonjour\n\nVotre dette est de {{amountDueTotal}}.\n${CLOSING_LINE.fr}`), original, [{ code: 'threatening-word', word: 'dette', line: 3, part: 'body' }]],
    ['"huissier" in the subject', edit(`x\n${CLOSING_LINE.fr}`, 'Avant huissier'), original, [{ code: 'threatening-word', word: 'huissier', line: 1, part: 'subject' }]],
    ['"recouvrement forcé" (accented word end)', edit(`Un recouvrement forcé suivra.\n${CLOSING_LINE.fr}`), original, [{ code: 'threatening-word', word: 'recouvrement forcé', line: 1, part: 'body' }]],
    ['"menaçons"', edit(`Nous ne vous menaçons pas.\n${CLOSING_LINE.fr}`), original, [{ code: 'threatening-word', word: 'menaçons', line: 1, part: 'body' }]],
    ['English "bailiff"', { language: 'en', body: `The bailiff will come.\n${CLOSING_LINE.en}` }, originalTemplate('first-reminder', 'en'), [{ code: 'threatening-word', word: 'bailiff', line: 1, part: 'body' }]],
    ['a word inside another is not one ("dettes" in "endettés" is)', edit(`Les redettes\n${CLOSING_LINE.fr}`), original, []],
    ['merge-field names are not words', edit(`{{shopSignature}}\n${CLOSING_LINE.fr}`), original, []],
  ])('%s', (_, template, source, expected) => {
    const warnings = templateWarnings(template, source);
    expect(warnings).toHaveLength(expected.length);
    expected.forEach((warning, index) => expect(warnings[index]).toMatchObject(warning));
  });

  it('finds nothing to say about any shipped text', () => {
    for (const template of editableTemplates()) expect(templateWarnings(template, template), `${template.id}/${template.language}`).toEqual([]);
  });
});

describe('SMS length', () => {
  it.each<[string, string, { characters: number; encoding: 'gsm' | 'unicode'; segments: number }]>([
    ['empty', '', { characters: 0, encoding: 'gsm', segments: 0 }],
    ['plain French with é and à', 'Réglé à temps', { characters: 13, encoding: 'gsm', segments: 1 }],
    ['160 GSM characters', 'a'.repeat(160), { characters: 160, encoding: 'gsm', segments: 1 }],
    ['161 GSM characters', 'a'.repeat(161), { characters: 161, encoding: 'gsm', segments: 2 }],
    ['the euro sign counts twice', '€'.repeat(80), { characters: 80, encoding: 'gsm', segments: 1 }],
    ['81 euro signs', '€'.repeat(81), { characters: 81, encoding: 'gsm', segments: 2 }],
    ['a typographic apostrophe or an ô makes it Unicode', `d’ici${'a'.repeat(65)}`, { characters: 70, encoding: 'unicode', segments: 1 }],
    ['ô is not in the GSM set', 'bientôt', { characters: 7, encoding: 'unicode', segments: 1 }],
    ['71 Unicode characters', `ê${'a'.repeat(70)}`, { characters: 71, encoding: 'unicode', segments: 2 }],
    ['an emoji takes two units', `🙂${'a'.repeat(69)}`, { characters: 70, encoding: 'unicode', segments: 2 }],
  ])('%s', (_, text, expected) => {
    expect(smsLength(text)).toEqual(expected);
  });
});

describe('overrides reach the messages and the letters', () => {
  const shop: ShopIdentity = { name: 'Quincaillerie Dupré', address: { lines: ['12 rue de la République'], postcode: '69002', city: 'Lyon', country: 'FR' } };
  const customer = aCustomer('c1', {
    name: 'Garage Lefèvre',
    address: { lines: ['3 avenue Jean Jaurès'], postcode: '69007', city: 'Lyon', country: 'FR' },
    contacts: [{ id: 'k1', name: 'Hélène Lefèvre', civility: 'madame', email: 'helene@garage.fr', mobile: '+33612345678' }],
    preferredContactId: 'k1',
  });
  const invoices = [anInvoice('i1', 'c1', '2026-10-20', { number: 'F-2026-0101', totalCents: 1_234_50 })];
  const templates = effectiveTemplates(OVERRIDES);

  it('an email draft uses the shop’s subject and text, rendered with the customer’s facts', () => {
    const draft = draftReminder({ action: { channel: 'email', templateId: 'first-reminder', invoiceIds: ['i1'], newDeadline: '2026-12-01' }, customer, invoices, shop, today: '2026-11-23', templates });
    expect(draft.subject).toBe('Petit rappel pour Garage Lefèvre');
    expect(draft.text).toBe('Bonjour Hélène Lefèvre, il reste 1\u202f234,50\u00a0€.');
    expect(draft.html).toContain('<p>Bonjour Hélène Lefèvre, il reste 1\u202f234,50\u00a0€.</p>');
  });

  it('an SMS in English uses the English override; in French the shipped text', () => {
    const sms = (language: Language) =>
      draftReminder({ action: { channel: 'sms', templateId: 'sms-reminder', invoiceIds: ['i1'], newDeadline: '2026-12-01' }, customer: { ...customer, language }, invoices, shop, today: '2026-11-23', templates }).text;
    expect(sms('en')).toBe('Hi from Quincaillerie Dupré: €1,234.50 due.');
    expect(sms('fr')).toContain(CLOSING_LINE.fr);
  });

  it('a statement letter uses the shop’s text around the invoice table', () => {
    const input = buildLetterInput({ kind: 'statement', customer, invoices, payments: [], shop, today: '2026-11-23', rates: KNOWN_RATES, templates });
    expect(input.subject).toBe('Votre relevé');
    expect(input.paragraphs).toEqual(['Bonjour,']);
    expect(input.closing).toEqual(['À bientôt, Quincaillerie Dupré']);
  });
});
