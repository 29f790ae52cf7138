import { describe, expect, it } from 'vitest';
import { builtInTemplates } from '../../../src-renderer/domain/builtin-templates';
import { followUpEffectiveness } from '../../../src-renderer/domain/effectiveness';
import {
  canSendCopyByEmail,
  copyRecipient,
  draftLetterCopy,
  isLetterCopy,
  LETTER_COPY_TEMPLATE_ID,
  letterCopyKey,
  letterDeadline,
  policiesWithBuiltIns,
  stepSendsCopy,
  type LetterCopyDraftInput,
} from '../../../src-renderer/domain/letter-copy';
import { letterTemplates } from '../../../src-renderer/domain/letter-templates';
import type { Channel, ShopIdentity } from '../../../src-renderer/domain/model';
import { builtInPolicies, standardPolicy, validatePolicy } from '../../../src-renderer/domain/policies';
import { templateChoices, updateStep } from '../../../src-renderer/domain/policy-editing';
import { effectiveTemplates, templateWarnings } from '../../../src-renderer/domain/template-overrides';
import { aCustomer, anInteraction, anInvoice, aPolicy, aStep } from './builders';

const TEMPLATES = [...builtInTemplates(), ...letterTemplates()];

describe('validatePolicy: "also send a copy by email" only on steps that print a letter', () => {
  const twoReminders = [aStep('r1', 1), aStep('r2', 8)];
  it.each<[Channel, boolean]>([
    ['letter', true],
    ['formal-notice', true],
    ['email', false],
    ['sms', false],
    ['whatsapp', false],
    ['phone', false],
    ['legal', false],
  ])('on a %s step: accepted = %s', (channel, accepted) => {
    const policy = aPolicy('p', [...twoReminders, aStep('s', 30, { channel, tone: 'formal', alsoByEmail: true })]);
    const result = validatePolicy(policy);
    if (accepted) expect(result).toEqual({ ok: true });
    else expect(result).toEqual({ ok: false, problems: [{ code: 'copy-by-email-not-letter', stepId: 's', params: { channel } }] });
    expect(canSendCopyByEmail({ channel })).toBe(accepted);
  });

  it('unticked (false or absent) is never a problem, whatever the channel', () => {
    expect(validatePolicy(aPolicy('p', [aStep('a', 1, { alsoByEmail: false }), aStep('b', 2, { channel: 'phone' })]))).toEqual({ ok: true });
  });

  it('the built-in policies send letters by post only (nothing in DOMAIN.md or the articles asks for email copies by default)', () => {
    expect(builtInPolicies().flatMap((policy) => policy.steps).filter((step) => step.alsoByEmail)).toEqual([]);
  });
});

describe('the policy editor and the option', () => {
  const withNotice = aPolicy('p', [aStep('r1', 1), aStep('r2', 8), aStep('n', 30, { channel: 'formal-notice', tone: 'formal', templateId: 'formal-notice', alsoByEmail: true })]);

  it.each<[Channel, boolean | undefined]>([
    ['letter', true],
    ['email', undefined],
    ['phone', undefined],
  ])('changing the formal notice to %s keeps the option: %s', (channel, kept) => {
    const changed = updateStep(withNotice, 2, { channel }, TEMPLATES);
    expect(changed.steps[2]?.alsoByEmail).toBe(kept);
    expect(validatePolicy(changed).ok).toBe(true);
    expect(withNotice.steps[2]?.alsoByEmail).toBe(true);
  });

  it('never offers the covering email as a step’s template', () => {
    for (const tone of ['courtesy', 'friendly', 'firm', 'formal'] as const) expect(templateChoices('email', tone, TEMPLATES)).not.toContain(LETTER_COPY_TEMPLATE_ID);
  });
});

describe('stepSendsCopy: the step a planned letter carries out, as the shop stored it', () => {
  const action = { policyId: 'default', stepId: 'formal-notice', channel: 'formal-notice' as Channel };
  const standardWithCopy = { ...standardPolicy(), builtIn: false, steps: standardPolicy().steps.map((step) => (step.id === 'formal-notice' ? { ...step, alsoByEmail: true } : step)) };

  it.each<[string, Parameters<typeof stepSendsCopy>[0], ReturnType<typeof policiesWithBuiltIns>, boolean]>([
    ['the built-in Standard: by post only', action, policiesWithBuiltIns([]), false],
    ['the shop’s Standard with the option ticked', action, policiesWithBuiltIns([standardWithCopy]), true],
    ['another policy’s step of the same id', { ...action, policyId: 'strict' }, policiesWithBuiltIns([standardWithCopy]), false],
    ['an email step, even if the stored step says so', { policyId: 'x', stepId: 's', channel: 'email' }, [aPolicy('x', [aStep('s', 1, { alsoByEmail: true })])], false],
    ['a step that is no longer in the policy', { ...action, stepId: 'gone' }, policiesWithBuiltIns([standardWithCopy]), false],
  ])('%s → %s', (_label, planned, policies, expected) => {
    expect(stepSendsCopy(planned, policies)).toBe(expected);
  });
});

const SHOP: ShopIdentity = { name: 'Boulangerie Éclair', address: { lines: ['12 rue des Lilas'], postcode: '69003', city: 'Lyon', country: 'FR' }, iban: 'FR7630006000011234567890189', phone: '04 78 00 00 00' };
const customer = aCustomer('c1', {
  name: 'Garage Lefèvre',
  contacts: [
    { id: 'k1', name: 'Sans adresse', mobile: '+33612345678' },
    { id: 'k2', name: 'Élodie Müller', civility: 'madame', email: 'elodie@garage-lefevre.fr' },
  ],
  preferredContactId: 'k1',
});
const invoices = [
  anInvoice('a', 'c1', '2026-10-20', { number: 'F-2026-0042', totalCents: 123_450, pdf: new Blob(['%PDF']) }),
  anInvoice('b', 'c1', '2026-10-25', { number: 'F-2026-0051', totalCents: 10_000, paidCents: 2_000 }),
  anInvoice('c', 'c1', '2026-11-01', { number: 'F-2026-0060', totalCents: 5_000 }),
];
const copyInput = (extra: Partial<LetterCopyDraftInput> = {}): LetterCopyDraftInput => ({
  letter: { invoiceIds: ['a', 'b'], deadline: '2026-12-01' },
  customer,
  invoices,
  shop: SHOP,
  today: '2026-11-23',
  ...extra,
});

describe('draftLetterCopy: the covering email of a letter', () => {
  it.each<['fr' | 'en', RegExp, string[]]>([
    [
      'fr',
      /^Copie de notre courrier : montant dû de 1\s314,50\s€ \(réf\. F-2026-0042, F-2026-0051\)$/u,
      ['Bonjour Madame Müller,', 'Veuillez trouver ci-joint copie du courrier que nous vous adressons par voie postale', 'Montant dû : 1\u202f314,50\u00a0€, à régler au plus tard le 1er décembre 2026.', 'Si ce rappel a croisé votre règlement'],
    ],
    [
      'en',
      /^Copy of our letter: amount due €1,314\.50 \(ref\. F-2026-0042, F-2026-0051\)$/,
      ['Dear Ms Müller,', 'Please find attached a copy of the letter we are sending you by post', 'Amount due: €1,314.50, to be paid by 1 December 2026 at the latest.', 'If this reminder crossed your payment'],
    ],
  ])('in %s: to the contact with an address, the letter’s invoices and amount due, its deadline', (language, subject, phrases) => {
    const draft = draftLetterCopy(copyInput({ customer: { ...customer, language } }));
    expect(draft.language).toBe(language);
    expect(draft.contact?.email).toBe('elodie@garage-lefevre.fr');
    expect(draft.subject).toMatch(subject);
    for (const phrase of phrases) expect(draft.text).toContain(phrase);
    expect(draft.text).not.toContain('F-2026-0060');
    expect(draft.html).toContain('<table');
  });

  it('carries the SEPA QR code for the amount due, the stored invoice copies, never the statement', () => {
    const draft = draftLetterCopy(copyInput(), 'sepa-qr@relance');
    expect(draft.qrPayload?.split('\n')).toEqual(expect.arrayContaining(['EUR1314.50', 'F-2026-0042 F-2026-0051']));
    expect(draft.html).toContain('src="cid:sepa-qr@relance"');
    expect(draft.pdfInvoiceIds).toEqual(['a']);
    expect(draft.letter).toBeUndefined();
  });

  it('uses the shop’s own wording of the covering email', () => {
    const templates = effectiveTemplates({ [LETTER_COPY_TEMPLATE_ID]: { fr: { subject: 'Notre courrier ({{invoiceNumbers}})', body: '{{salutation}}\n\nCi-joint notre courrier. Montant dû : {{amountDueTotal}}.\n\n{{shopSignature}}', savedAt: '2026-11-20T10:00:00.000Z' } } });
    const draft = draftLetterCopy(copyInput({ templates }));
    expect(draft.subject).toBe('Notre courrier (F-2026-0042, F-2026-0051)');
    expect(draft.text).toContain('Ci-joint notre courrier. Montant dû : 1\u202f314,50\u00a0€.');
  });

  it('ships without warnings (closing line kept, nothing threatening)', () => {
    for (const template of builtInTemplates().filter((t) => t.id === LETTER_COPY_TEMPLATE_ID)) expect(templateWarnings(template, template)).toEqual([]);
  });
});

describe('the copy is the letter again, not another reminder', () => {
  const copy = anInteraction(['i1'], { details: { letterCopyOf: 'letters/2026/2026-11-23 Mise en demeure - Garage Lefèvre.pdf' }, tone: 'formal' });

  it.each<[string, Parameters<typeof isLetterCopy>[0], boolean]>([
    ['a copy row', copy, true],
    ['an email reminder', anInteraction(['i1']), false],
    ['a firm email with the statement attached', anInteraction(['i1'], { details: { letterArchiveId: 'letters/2026/r.pdf' } }), false],
    ['an empty mark', anInteraction(['i1'], { details: { letterCopyOf: '' } }), false],
  ])('isLetterCopy(%s) = %s', (_label, row, expected) => {
    expect(isLetterCopy(row)).toBe(expected);
  });

  it('"what works" counts the letter, not its copy', () => {
    const invoice = { id: 'i1', customerId: 'c1', issueDate: '2026-08-01', dueDate: '2026-09-01', totalCents: 1_000, payments: [{ date: '2026-09-13', amountCents: 1_000 }] };
    const at = '2026-09-10T08:00:00.000Z';
    const letter = anInteraction(['i1'], { kind: 'letter', channel: 'formal-notice', at, tone: 'formal', status: undefined });
    const rows = followUpEffectiveness([letter, { ...copy, at }], [invoice], '2026-11-23', 'Europe/Paris', 'tone');
    expect(rows.map((row) => [row.key, row.sent])).toEqual([['formal', 1]]);
  });

  it('one copy key per archived letter; the recipient is the contact with an address; the deadline counts from the letter’s day', () => {
    expect(letterCopyKey('letters/2026/a.pdf')).toBe('letter-copy|letters/2026/a.pdf');
    expect(letterCopyKey('letters/2026/a.pdf')).not.toBe(letterCopyKey('letters/2026/b.pdf'));
    expect(copyRecipient(customer)).toBe('elodie@garage-lefevre.fr');
    expect(copyRecipient(aCustomer('c2', { contacts: [{ id: 'k', name: 'X', email: '  ' }] }))).toBeUndefined();
    expect(letterDeadline('2026-11-23', 8)).toBe('2026-12-01');
  });
});
