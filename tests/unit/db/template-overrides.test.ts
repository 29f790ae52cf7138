import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CALL_SCRIPT_KEY, getCallScripts, saveCallScript } from '../../../src-renderer/db/calls-repo';
import { getSettings } from '../../../src-renderer/db/settings-repo';
import {
  getTemplateOverrides,
  revertTemplate,
  saveTemplateOverride,
  TEMPLATE_OVERRIDES_KEY,
  TemplateSaveError,
} from '../../../src-renderer/db/template-overrides-repo';
import { originalTemplate, resolveTemplate } from '../../../src-renderer/domain/template-overrides';
import { freshDatabasesFor } from './helpers';

const database = freshDatabasesFor('template-overrides');
const NOW = '2026-11-23T10:00:00.000Z';

describe('the shop’s own template texts in the database', () => {
  it('saves one template in one language, read back by the settings every screen uses', async () => {
    const db = await database();
    await saveTemplateOverride(db, { id: 'first-reminder', language: 'fr', subject: 'Rappel {{invoiceNumbers}}', body: 'Bonjour {{contactName}}' }, NOW);
    expect(await getTemplateOverrides(db)).toEqual({ 'first-reminder': { fr: { subject: 'Rappel {{invoiceNumbers}}', body: 'Bonjour {{contactName}}', savedAt: NOW } } });
    const settings = await getSettings(db);
    expect(resolveTemplate('first-reminder', 'fr', settings.templateOverrides)?.body).toBe('Bonjour {{contactName}}');
    expect(resolveTemplate('first-reminder', 'en', settings.templateOverrides)).toEqual(originalTemplate('first-reminder', 'en'));
  });

  it.each([
    ['an unknown field in the body', { body: 'Bonjour {{nomClient}}' }, 'unknown-field'],
    ['an unclosed brace', { body: 'Bonjour {{contactName' }, 'malformed-tag'],
    ['a misspelt field in the subject', { subject: 'Rappel {{invoiceNumber}}', body: 'x' }, 'misplaced-field'],
    ['an empty subject on an email', { subject: ' ', body: 'x' }, 'subject-required'],
  ])('refuses %s and writes nothing', async (_, edit, code) => {
    const db = await database();
    const saving = saveTemplateOverride(db, { id: 'first-reminder', language: 'fr', ...edit }, NOW);
    await expect(saving).rejects.toBeInstanceOf(TemplateSaveError);
    await expect(saving).rejects.toMatchObject({ issues: [expect.objectContaining({ code })] });
    expect(await db.settings.get(TEMPLATE_OVERRIDES_KEY)).toBeUndefined();
  });

  it('refuses a template that does not exist', async () => {
    const db = await database();
    await expect(saveTemplateOverride(db, { id: 'nope', language: 'fr', body: 'x' }, NOW)).rejects.toThrow(/No template "nope"/);
  });

  it('keeps no subject on a template without one', async () => {
    const db = await database();
    await saveTemplateOverride(db, { id: 'sms-reminder', language: 'en', subject: 'ignored', body: 'Hi {{shopName}}' }, NOW);
    expect(await getTemplateOverrides(db)).toEqual({ 'sms-reminder': { en: { body: 'Hi {{shopName}}', savedAt: NOW } } });
  });

  it('goes back to the original text of one language, leaving the other, and removes the row when empty', async () => {
    const db = await database();
    await saveTemplateOverride(db, { id: 'statement-letter', language: 'fr', subject: 'Relevé', body: 'A\n{{invoiceList}}' }, NOW);
    await saveTemplateOverride(db, { id: 'statement-letter', language: 'en', subject: 'Statement', body: 'B\n{{invoiceList}}' }, NOW);
    await revertTemplate(db, 'statement-letter', 'fr');
    expect(Object.keys((await getTemplateOverrides(db))['statement-letter'] ?? {})).toEqual(['en']);
    await revertTemplate(db, 'statement-letter', 'en');
    expect(await db.settings.get(TEMPLATE_OVERRIDES_KEY)).toBeUndefined();
    expect((await getSettings(db)).templateOverrides).toBeUndefined();
  });

  it('a later save replaces the earlier one', async () => {
    const db = await database();
    await saveTemplateOverride(db, { id: 'sms-reminder', language: 'fr', body: 'un' }, NOW);
    await saveTemplateOverride(db, { id: 'sms-reminder', language: 'fr', body: 'deux' }, '2026-11-24T10:00:00.000Z');
    expect((await getTemplateOverrides(db))['sms-reminder']?.fr).toEqual({ body: 'deux', savedAt: '2026-11-24T10:00:00.000Z' });
  });

  it('the call panel’s script is the phone-call template’s override, and an old stored script moves over on the next save', async () => {
    const db = await database();
    await db.settings.put({ key: CALL_SCRIPT_KEY, value: { fr: 'Ancien script', en: 'Old script' } });
    expect(await getCallScripts(db)).toEqual({ fr: 'Ancien script', en: 'Old script' });
    await saveCallScript(db, 'fr', 'Nouveau {{contactName}}', NOW);
    expect(await getCallScripts(db)).toEqual({ fr: 'Nouveau {{contactName}}', en: 'Old script' });
    expect((await db.settings.get(CALL_SCRIPT_KEY))?.value).toEqual({ en: 'Old script' });
    expect(resolveTemplate('phone-call', 'fr', await getTemplateOverrides(db))?.body).toBe('Nouveau {{contactName}}');
    // Edited from Settings: the call panel sees it.
    await saveTemplateOverride(db, { id: 'phone-call', language: 'en', body: 'New {{shopName}}' }, NOW);
    expect((await getCallScripts(db)).en).toBe('New {{shopName}}');
    await saveCallScript(db, 'en', null, NOW);
    expect(await getCallScripts(db)).toEqual({ fr: 'Nouveau {{contactName}}' });
    expect(await db.settings.get(CALL_SCRIPT_KEY)).toBeUndefined();
  });
});
