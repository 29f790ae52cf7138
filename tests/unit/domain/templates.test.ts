import { describe, expect, it } from 'vitest';
import type { LateFeeResult } from '../../../src-renderer/domain/late-fees';
import type { Channel, Language, MessageTemplate } from '../../../src-renderer/domain/model';
import { lines, paymentLines, type PaymentWording } from '../../../src-renderer/domain/template-texts';
import {
  BUILT_IN_TEMPLATE_IDS,
  CLOSING_LINE,
  GENERIC_TEMPLATE_BY_CHANNEL,
  TEMPLATE_FIELDS,
  TemplateError,
  builtInTemplates,
  chargesFrom,
  findUnknownFields,
  renderTemplate,
  safeHttpsLink,
  salutation,
  surnameOf,
  templateFor,
  validateTemplate,
  type MessageContext,
} from '../../../src-renderer/domain/templates';

// Node's ICU: French groups thousands with U+202F and puts U+00A0 before the euro sign (see money.test.ts).
const NNBSP = '\u202f';
const NBSP = '\u00a0';
const XSS = '<img src=x onerror=alert(1)>';
const XSS_ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

const ONE_INVOICE: MessageContext = {
  language: 'fr',
  customer: { name: 'Garage Lefèvre', kind: 'business' },
  contact: { name: 'Sophie Martin', civility: 'madame' },
  invoices: [
    {
      number: 'F-2026-0042',
      issueDate: '2026-10-01',
      dueDate: '2026-10-31',
      balanceCents: 123450,
      daysLate: 22,
      paymentLink: 'https://pay.example.fr/i/F-2026-0042',
    },
  ],
  newDeadline: '2026-12-01',
  shop: {
    name: 'Boulangerie Élodie',
    signature: 'Élodie Bernard\nBoulangerie Élodie',
    phone: '01 23 45 67 89',
    email: 'contact@boulangerie-elodie.fr',
    iban: 'FR76 3000 6000 0112 3456 7890 189',
  },
  charges: { penaltyCents: 1234, indemnityCents: 4000, ratePercent: 12.15 },
};

const TWO_INVOICES: MessageContext = {
  ...ONE_INVOICE,
  invoices: [
    ...ONE_INVOICE.invoices,
    { number: 'F-2026-0057', issueDate: '2026-10-15', dueDate: '2026-11-14', balanceCents: 5000, daysLate: 8 },
  ],
  charges: { penaltyCents: 1500, indemnityCents: 8000 },
};

/** Nothing optional: no contact, no link, no IBAN, no charges, no signature. */
const BARE: MessageContext = {
  language: 'fr',
  customer: { name: 'SARL Dupont', kind: 'business' },
  invoices: [{ number: 'A1', issueDate: '2026-11-01', dueDate: '2026-11-26', balanceCents: 9900, daysLate: -3 }],
  newDeadline: '2026-11-26',
  shop: { name: 'Atelier Roux' },
};

const CONSUMER: MessageContext = {
  ...ONE_INVOICE,
  customer: { name: 'Paul Durand', kind: 'consumer' },
  contact: undefined,
  charges: { penaltyCents: 0, indemnityCents: 0 },
};

const CONTEXTS = { ONE_INVOICE, TWO_INVOICES, BARE, CONSUMER };
const ALL = builtInTemplates();
const FORMATS = ['text', 'html'] as const;

function builtIn(id: string, language: 'fr' | 'en'): MessageTemplate {
  const found = ALL.find((t) => t.id === id && t.language === language);
  if (!found) throw new Error(`no built-in ${id} ${language}`);
  return found;
}

function custom(body: string, extra: Partial<MessageTemplate> = {}): MessageTemplate {
  return { id: 'custom', channel: 'sms', tone: 'friendly', language: 'fr', body, builtIn: false, ...extra };
}

describe('built-in templates', () => {
  it('exist in French and English for every id, one generic per channel', () => {
    for (const id of Object.values(BUILT_IN_TEMPLATE_IDS)) {
      expect(ALL.filter((t) => t.id === id).map((t) => t.language).sort()).toEqual(['en', 'fr']);
    }
    for (const [channel, id] of Object.entries(GENERIC_TEMPLATE_BY_CHANNEL)) {
      expect(builtIn(id, 'fr').channel).toBe(channel);
    }
    expect(ALL.every((t) => t.builtIn)).toBe(true);
  });

  // The template ids and channels of the built-in policies' steps (policies.ts, TEMPLATE_IDS).
  it.each<[string, Channel]>([
    ['courtesy-email', 'email'],
    ['first-reminder', 'email'],
    ['phone-call', 'phone'],
    ['second-reminder', 'email'],
    ['formal-notice', 'formal-notice'],
    ['legal-decision', 'legal'],
  ])('cover the policy step template %s (%s) in both languages', (id, channel) => {
    expect(ALL.filter((t) => t.id === id && t.channel === channel).map((t) => t.language).sort()).toEqual(['en', 'fr']);
  });

  it('keep the step ids of the default policy (demo data relies on them)', () => {
    expect(builtIn('courtesy-email', 'fr')).toMatchObject({ channel: 'email', tone: 'courtesy' });
    expect(builtIn('first-reminder', 'fr')).toMatchObject({ channel: 'email', tone: 'friendly' });
    expect(builtIn('second-reminder', 'fr')).toMatchObject({ channel: 'email', tone: 'firm' });
    expect(builtIn('formal-notice', 'fr')).toMatchObject({ channel: 'formal-notice', tone: 'formal' });
  });

  it('are fresh copies each time', () => {
    const first = builtInTemplates();
    (first[0] as MessageTemplate).body = 'changed';
    expect(builtInTemplates()[0]?.body).not.toBe('changed');
  });

  const cases = ALL.flatMap((template) =>
    Object.entries(CONTEXTS).flatMap(([contextName, context]) =>
      FORMATS.map((format) => [`${template.id} (${template.language})`, contextName, format, template, context] as const),
    ),
  );
  it.each(cases)('%s renders with %s as %s: valid, no unknown field, no leftover tag', (_, __, format, template, context) => {
    expect(validateTemplate(template)).toEqual([]);
    expect(findUnknownFields(template)).toEqual([]);
    const rendered = renderTemplate(template, context, { format });
    for (const text of [rendered.body, rendered.subject ?? '']) {
      expect(text).not.toMatch(/\{\{|\}\}/);
      expect(text).not.toMatch(/undefined|NaN|\[object/);
    }
    expect(rendered.body.trim()).not.toBe('');
    if (template.channel === 'email') expect(rendered.subject).toBeTruthy();
  });

  const FORBIDDEN = ['dette', 'debt', 'menace', 'threat', 'huissier', 'bailiff', 'commissaire de justice'];
  it.each(ALL.map((t) => [`${t.id} (${t.language})`, t] as const))('%s never says debt, threats or bailiff', (_, template) => {
    const texts = [template.subject ?? '', template.body, renderTemplate(template, TWO_INVOICES, { format: 'text' }).body];
    for (const text of texts) for (const word of FORBIDDEN) expect(text.toLowerCase()).not.toContain(word);
  });

  it.each(ALL.map((t) => [`${t.id} (${t.language})`, t] as const))('%s says amount due', (_, template) => {
    if (template.id === BUILT_IN_TEMPLATE_IDS.courtesyEmail) return; // nothing is due yet: "montant à régler"
    const body = renderTemplate(template, ONE_INVOICE, { format: 'text' }).body.toLowerCase();
    expect(body).toContain(template.language === 'fr' ? 'montant dû' : 'amount due');
  });

  // Reminders to the customer end with the closing line; the courtesy email (nothing late), the formal
  // notice, the phone script and the internal note do not.
  const CLOSING: [string, boolean][] = [
    ['courtesy-email', false],
    ['first-reminder', true],
    ['second-reminder', true],
    ['phone-call', false],
    ['sms-reminder', true],
    ['whatsapp-reminder', true],
    ['reminder-letter', true],
    ['formal-notice', false],
    ['legal-decision', false],
  ];
  it('the closing table covers every built-in id', () => {
    expect(CLOSING.map(([id]) => id).sort()).toEqual(Object.values(BUILT_IN_TEMPLATE_IDS).sort());
  });
  const closingCases = CLOSING.flatMap(([id, present]) => (['fr', 'en'] as const).map((language) => [id, language, present] as const));
  it.each(closingCases)('%s (%s): closing line present = %s, after the deadline, before the sign-off', (id, language, present) => {
    const body = renderTemplate(builtIn(id, language), ONE_INVOICE, { format: 'text' }).body;
    const closing = CLOSING_LINE[language];
    if (!present) {
      expect(body).not.toContain(closing);
      return;
    }
    expect(body).toContain(closing);
    const deadline = language === 'fr' ? '1er décembre 2026' : '1 December 2026';
    expect(body.indexOf(closing)).toBeGreaterThan(body.indexOf(deadline));
    // Only the polite sign-off follows it: no invoice, amount or link after the closing line.
    const after = body.slice(body.indexOf(closing) + closing.length);
    expect(after).not.toMatch(/F-2026|€|https:/);
    expect(after.length).toBeLessThan(200);
  });

  it.each(ALL.map((t) => [`${t.id} (${t.language})`, t] as const))('%s gives the new deadline (the due date for the courtesy email; none in the internal note)', (_, template) => {
    const body = renderTemplate(template, ONE_INVOICE, { format: 'text' }).body;
    const fr = template.language === 'fr';
    if (template.id === BUILT_IN_TEMPLATE_IDS.legalDecision) return; // internal note: its step sets no deadline
    if (template.id === BUILT_IN_TEMPLATE_IDS.courtesyEmail) expect(body).toContain(fr ? '31 octobre 2026' : '31 October 2026');
    else expect(body).toContain(fr ? '1er décembre 2026' : '1 December 2026');
  });

  it.each(ALL.filter((t) => !['phone', 'legal'].includes(t.channel)).map((t) => [`${t.id} (${t.language})`, t] as const))(
    '%s closes with the shop signature (SMS and WhatsApp: the shop name)',
    (_, template) => {
      const body = renderTemplate(template, ONE_INVOICE, { format: 'text' }).body;
      if (template.channel === 'sms' || template.channel === 'whatsapp') expect(body).toContain('Boulangerie Élodie');
      else expect(body.trimEnd()).toMatch(/Élodie Bernard\nBoulangerie Élodie(\n.*)*$/);
      const bare = renderTemplate(template, BARE, { format: 'text' }).body;
      expect(bare).toContain('Atelier Roux'); // no signature: the shop's name
    },
  );

  const shortCases = ALL.filter((t) => t.channel === 'sms' || t.channel === 'whatsapp').flatMap((template) =>
    [
      ONE_INVOICE,
      { ...ONE_INVOICE, contact: { name: 'Marie-Christine de La Fontaine-Beaumarchais' } },
      { ...ONE_INVOICE, shop: { ...ONE_INVOICE.shop, name: 'Boulangerie Pâtisserie Élodie Bernard' } },
    ].map((context, i) => [`${template.id} (${template.language})`, i, template, context] as const),
  );
  it.each(shortCases)('%s stays within 320 characters with one invoice (case %i)', (_, __, template, context) => {
    const { body } = renderTemplate(template, context, { format: 'text' });
    expect(body.length).toBeLessThanOrEqual(320);
  });

  describe('formal notice', () => {
    it.each(['fr', 'en'] as const)('(%s) states LRAR, the invoices, total, penalties and indemnity for a business, and the payment order', (language) => {
      const body = renderTemplate(builtIn('formal-notice', language), TWO_INVOICES, { format: 'text' }).body;
      expect(body).toContain('Lettre recommandée avec accusé de réception');
      expect(body).toContain('injonction de payer');
      expect(body).toContain('F-2026-0042');
      expect(body).toContain('F-2026-0057');
      if (language === 'fr') {
        expect(body).toContain(`1${NNBSP}284,50${NBSP}€`); // principal
        expect(body).toContain(`15,00${NBSP}€`); // penalties
        expect(body).toContain(`80,00${NBSP}€`); // 2 × 40 €
        expect(body).toContain(`1${NNBSP}379,50${NBSP}€`); // total with charges
        expect(body).toContain(`40,00${NBSP}€ par facture`);
      } else {
        expect(body).toContain('€1,284.50');
        expect(body).toContain('€15.00');
        expect(body).toContain('€80.00');
        expect(body).toContain('€1,379.50');
        expect(body).toContain('€40.00 per invoice');
      }
    });

    it.each(['fr', 'en'] as const)('(%s) for a consumer: legal interest, no indemnity', (language) => {
      const body = renderTemplate(builtIn('formal-notice', language), CONSUMER, { format: 'text' }).body;
      expect(body).toContain('1231-6');
      expect(body).not.toContain('D441-5');
      expect(body).not.toMatch(/40[,.]00/);
    });
  });
});

// How each shipped text tells the customer how to pay (template-texts.ts, `paymentLines`): rendered with
// a payment link, with an IBAN, with both and with neither, in both languages.
describe('payment lines', () => {
  const URL = 'https://pay.example.fr/i/F-2026-0042';
  const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
  const withMeans = (link: boolean, iban: boolean): MessageContext => ({
    ...ONE_INVOICE,
    invoices: ONE_INVOICE.invoices.map(({ paymentLink, ...invoice }) => ({ ...invoice, ...(link ? { paymentLink } : {}) })),
    shop: { ...ONE_INVOICE.shop, ...(iban ? {} : { iban: undefined }) },
  });
  const MEANS = [
    ['a link', true, false],
    ['an IBAN', false, true],
    ['both', true, true],
    ['neither', false, false],
  ] as const;

  // The words of each wording, as the customer reads them with both means (the link's line first).
  it.each<[Language, PaymentWording, string, string]>([
    ['fr', 'courtesy', `Pour vous simplifier la vie, vous pouvez régler en ligne en quelques clics : ${URL}`, `Pour un règlement par virement, notre IBAN : ${IBAN}`],
    ['fr', 'quick', `Vous pouvez régler en ligne en quelques clics : ${URL}`, `Pour un règlement par virement, notre IBAN : ${IBAN}`],
    ['fr', 'plain', `Vous pouvez régler en ligne : ${URL}`, `Pour un règlement par virement, notre IBAN : ${IBAN}`],
    ['fr', 'terse', `Règlement en ligne : ${URL}`, `Règlement par virement, IBAN : ${IBAN}`],
    ['en', 'courtesy', `To make things easy, you can pay online in a few clicks: ${URL}`, `To pay by bank transfer, our IBAN: ${IBAN}`],
    ['en', 'quick', `You can pay online in a few clicks: ${URL}`, `To pay by bank transfer, our IBAN: ${IBAN}`],
    ['en', 'plain', `You can pay online: ${URL}`, `To pay by bank transfer, our IBAN: ${IBAN}`],
    ['en', 'terse', `Pay online: ${URL}`, `Pay by bank transfer, IBAN: ${IBAN}`],
  ])('(%s, %s) reads as expected, each line only when its means exists, in either order', (language, wording, linkLine, ibanLine) => {
    const render = (order: 'link-first' | 'iban-first', context: MessageContext): string =>
      renderTemplate(custom(lines('Avant', ...paymentLines(language, wording, order), 'Après'), { language }), context, { format: 'text' }).body;
    expect(render('link-first', withMeans(true, true))).toBe(lines('Avant', linkLine, ibanLine, 'Après'));
    expect(render('iban-first', withMeans(true, true))).toBe(lines('Avant', ibanLine, linkLine, 'Après'));
    expect(render('link-first', withMeans(true, false))).toBe(lines('Avant', linkLine, 'Après'));
    expect(render('link-first', withMeans(false, true))).toBe(lines('Avant', ibanLine, 'Après'));
    expect(render('link-first', withMeans(false, false))).toBe(lines('Avant', 'Après'));
  });

  // Which payment lines each shipped text carries: a wording of `paymentLines` and its order, the link
  // alone (phone script, SMS, WhatsApp: their own short line) or nothing (the internal note; the
  // instalment SMS and WhatsApp stay short).
  type Carries = readonly [PaymentWording, 'link-first' | 'iban-first'] | 'link only' | 'nothing';
  const CARRIES: [string, Carries][] = [
    ['courtesy-email', ['courtesy', 'link-first']],
    ['first-reminder', ['quick', 'link-first']],
    ['second-reminder', ['terse', 'link-first']],
    ['phone-call', 'link only'],
    ['sms-reminder', 'link only'],
    ['whatsapp-reminder', 'link only'],
    ['reminder-letter', ['terse', 'iban-first']],
    ['formal-notice', ['terse', 'iban-first']],
    ['legal-decision', 'nothing'],
    ['instalment-before-email', ['quick', 'link-first']],
    ['instalment-before-sms', 'nothing'],
    ['instalment-before-whatsapp', 'nothing'],
    ['instalment-missed-email', ['plain', 'link-first']],
    ['instalment-missed-sms', 'nothing'],
    ['instalment-missed-whatsapp', 'nothing'],
    ['letter-copy-email', ['plain', 'link-first']],
  ];
  it('the table covers every built-in template', () => {
    expect(CARRIES.map(([id]) => id).sort()).toEqual([...new Set(ALL.map((t) => t.id))].sort());
  });

  const carriesCases = CARRIES.flatMap(([id, carries]) =>
    (['fr', 'en'] as const).flatMap((language) => MEANS.map(([means, link, iban]) => [id, language, means, carries, link, iban] as const)),
  );
  it.each(carriesCases)('%s (%s) with %s', (id, language, _, carries, link, iban) => {
    const context = withMeans(link, iban);
    const body = renderTemplate(builtIn(id, language), context, { format: 'text' }).body;
    expect(body.includes(URL)).toBe(link && carries !== 'nothing');
    expect(body.includes(IBAN)).toBe(iban && Array.isArray(carries));
    // A hidden line leaves no hole: never more than one blank line in a row.
    expect(body).not.toMatch(/\n\s*\n\s*\n/);
    if (Array.isArray(carries)) {
      const [wording, order] = carries as readonly [PaymentWording, 'link-first' | 'iban-first'];
      const block = renderTemplate(custom(lines(...paymentLines(language, wording, order)), { language }), context, { format: 'text' }).body;
      expect(body).toContain(block);
    }
  });
});

describe('salutation', () => {
  const madame = { name: 'Sophie Martin', civility: 'madame' } as const;
  const monsieur = { name: 'Jean Durand', civility: 'monsieur' } as const;
  const named = { name: 'Sophie Martin' };
  it.each<[string, 'fr' | 'en', Channel, { name: string; civility?: 'madame' | 'monsieur' } | undefined, string]>([
    ['civility and name, email', 'fr', 'email', madame, 'Bonjour Madame Martin,'],
    ['civility and name, letter', 'fr', 'letter', monsieur, 'Bonjour Monsieur Durand,'],
    ['name only', 'fr', 'email', named, 'Bonjour Sophie Martin,'],
    ['name only, formal notice', 'fr', 'formal-notice', named, 'Bonjour Sophie Martin,'],
    ['no name, letter', 'fr', 'letter', undefined, 'Madame, Monsieur,'],
    ['no name, formal notice', 'fr', 'formal-notice', undefined, 'Madame, Monsieur,'],
    ['no name, email', 'fr', 'email', undefined, 'Bonjour,'],
    ['no name, SMS', 'fr', 'sms', undefined, 'Bonjour,'],
    ['blank name, email', 'fr', 'email', { name: '  ', civility: 'madame' }, 'Bonjour,'],
    ['civility and name, email', 'en', 'email', madame, 'Dear Ms Martin,'],
    ['civility and name, letter', 'en', 'letter', monsieur, 'Dear Mr Durand,'],
    ['name only', 'en', 'email', named, 'Dear Sophie Martin,'],
    ['no name, letter', 'en', 'letter', undefined, 'Dear Sir or Madam,'],
    ['no name, email', 'en', 'email', undefined, 'Hello,'],
    ['no name, SMS', 'en', 'sms', undefined, 'Hello,'],
  ])('%s (%s, %s) → %j', (_, language, channel, contact, expected) => {
    expect(salutation(language, channel, contact)).toBe(expected);
  });

  it('never writes "Madame, Monsieur" when a name is known, in any built-in template', () => {
    for (const template of ALL) {
      const body = renderTemplate(template, ONE_INVOICE, { format: 'text' }).body;
      expect(body).not.toContain('Madame, Monsieur');
      expect(body).not.toContain('Sir or Madam');
    }
  });

  it('addresses a consumer without a contact by the customer name', () => {
    const body = renderTemplate(builtIn('first-reminder', 'fr'), CONSUMER, { format: 'text' }).body;
    expect(body.startsWith('Bonjour Paul Durand,')).toBe(true);
  });

  it('uses "Madame, Monsieur," in a letter to a business without contact', () => {
    const body = renderTemplate(builtIn('reminder-letter', 'fr'), BARE, { format: 'text' }).body;
    expect(body.startsWith('Madame, Monsieur,')).toBe(true);
    expect(renderTemplate(builtIn('first-reminder', 'fr'), BARE, { format: 'text' }).body.startsWith('Bonjour,')).toBe(true);
  });

  it.each([
    ['Sophie Martin', 'Martin'],
    ['Martin', 'Martin'],
    ['Jean Le Gall', 'Le Gall'],
    ['Marie de La Fontaine', 'de La Fontaine'],
    ['MARTIN Sophie', 'MARTIN'],
    ['Martin, Sophie', 'Martin'],
    ['  Sophie   Martin ', 'Martin'],
  ])('surname of %j is %j', (name, expected) => {
    expect(surnameOf(name)).toBe(expected);
  });
});

describe('amounts and dates', () => {
  it.each([
    ['fr', `1${NNBSP}234,50${NBSP}€`, '31 octobre 2026', '1er décembre 2026', '22 jours'],
    ['en', '€1,234.50', '31 October 2026', '1 December 2026', '22 days'],
  ] as const)('%s: %s, %s, %s, %s', (language, amount, dueDate, deadline, days) => {
    const template = custom('{{amountDueTotal}}|{{dueDate}}|{{newDeadline}}|{{daysLate}}', { language });
    expect(renderTemplate(template, ONE_INVOICE, { format: 'text' }).body).toBe(`${amount}|${dueDate}|${deadline}|${days}`);
  });

  it('uses the template language, not the customer language', () => {
    const body = renderTemplate(custom('{{amountDueTotal}}', { language: 'en' }), { ...ONE_INVOICE, language: 'fr' }, { format: 'text' }).body;
    expect(body).toBe('€1,234.50');
  });

  it.each([
    ['fr', 1, '1 jour'],
    ['fr', 0, '0 jour'],
    ['en', 1, '1 day'],
    ['en', 2, '2 days'],
  ] as const)('%s: %i day(s) late → %j', (language, daysLate, expected) => {
    const context = { ...BARE, invoices: [{ ...(BARE.invoices[0] as MessageContext['invoices'][number]), daysLate }] };
    expect(renderTemplate(custom('{{daysLate}}', { language }), context, { format: 'text' }).body).toBe(expected);
  });

  it('formats the charges and the rate', () => {
    const template = custom('{{penalties}}|{{indemnity}}|{{penaltyRate}}|{{totalWithCharges}}|{{indemnityPerInvoice}}');
    expect(renderTemplate(template, ONE_INVOICE, { format: 'text' }).body).toBe(
      `12,34${NBSP}€|40,00${NBSP}€|12,15${NBSP}%|1${NNBSP}286,84${NBSP}€|40,00${NBSP}€`,
    );
    expect(renderTemplate({ ...template, language: 'en' }, ONE_INVOICE, { format: 'text' }).body).toBe('€12.34|€40.00|12.15%|€1,286.84|€40.00');
  });

  it('groups the IBAN by four', () => {
    const context = { ...BARE, shop: { ...BARE.shop, iban: 'fr7630006000011234567890189' } };
    expect(renderTemplate(custom('{{iban}}'), context, { format: 'text' }).body).toBe('FR76 3000 6000 0112 3456 7890 189');
  });
});

describe('HTML rendering', () => {
  const hostile: MessageContext = {
    ...ONE_INVOICE,
    customer: { name: XSS, kind: 'business' },
    contact: { name: XSS },
    invoices: [{ ...(ONE_INVOICE.invoices[0] as MessageContext['invoices'][number]), number: XSS }],
    shop: { name: XSS, signature: XSS, phone: XSS, email: XSS, iban: XSS },
  };
  const everyTextField = TEMPLATE_FIELDS.filter((f) => f.scope === 'message' && f.kind !== 'flag' && f.kind !== 'list')
    .map((f) => `{{${f.name}}}`)
    .join('\n');
  const everyInvoiceField = TEMPLATE_FIELDS.filter((f) => f.scope === 'invoice' && f.kind === 'text')
    .map((f) => `{{${f.name}}}`)
    .join(' ');
  const allFields = custom(`${everyTextField}\n{{#invoices}}${everyInvoiceField}\n{{/invoices}}`, { subject: '{{customerName}}' });

  it.each(['customerName', 'contactName', 'invoiceNumber', 'shopName', 'shopSignature', 'shopPhone', 'shopEmail', 'iban'])(
    'escapes %s',
    (name) => {
      const template = custom(name === 'invoiceNumber' ? '{{#invoices}}{{invoiceNumber}}{{/invoices}}' : `{{${name}}}`);
      const html = renderTemplate(template, hostile, { format: 'html' }).body;
      expect(html).not.toContain('<img');
      expect(html.replace(/\s/g, '')).toContain(XSS_ESCAPED.replace(/\s/g, ''));
    },
  );

  it('escapes every field at once, and the invoice table, in every built-in template', () => {
    for (const template of [allFields, ...ALL]) {
      const html = renderTemplate(template, hostile, { format: 'html' }).body;
      expect(html).not.toMatch(/<img|<script/);
      expect(html).not.toMatch(/onerror=alert\(1\)>/);
    }
    expect(renderTemplate(allFields, hostile, { format: 'html' }).body).toContain(XSS_ESCAPED);
  });

  it('escapes the template text itself', () => {
    expect(renderTemplate(custom('a < b & "c"'), BARE, { format: 'html' }).body).toBe('<p>a &lt; b &amp; &quot;c&quot;</p>');
  });

  it('leaves text output unescaped and the subject as plain text', () => {
    const rendered = renderTemplate(allFields, hostile, { format: 'text' });
    expect(rendered.body).toContain(XSS);
    expect(renderTemplate(allFields, hostile, { format: 'html' }).subject).toBe(XSS);
  });

  it('does not interpret tags inside values', () => {
    const context = { ...BARE, customer: { name: '{{iban}} {{#invoices}}', kind: 'business' as const } };
    expect(renderTemplate(custom('{{customerName}}'), context, { format: 'text' }).body).toBe('{{iban}} {{#invoices}}');
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(document.cookie)'],
    ['http://pay.example.fr/i/1'],
    ['data:text/html,<script>alert(1)</script>'],
    ['//evil.example/x'],
    ['https://'],
    ['https://pay.example.fr/\nX'],
  ])('drops the payment link %j: no <a>, no trace of it', (link) => {
    const context = { ...ONE_INVOICE, invoices: [{ ...(ONE_INVOICE.invoices[0] as MessageContext['invoices'][number]), paymentLink: link }] };
    for (const template of [custom('[{{paymentLink}}]{{#invoices}}[{{invoicePaymentLink}}]{{/invoices}}'), ...ALL]) {
      const html = renderTemplate(template, context, { format: 'html' }).body;
      expect(html).not.toContain('<a');
      expect(html.toLowerCase()).not.toMatch(/javascript:|data:|http:\/\//);
    }
    expect(renderTemplate(custom('[{{paymentLink}}]{{#paymentLink}}shown{{/paymentLink}}'), context, { format: 'text' }).body).toBe('[]');
  });

  it('renders an https payment link as a link, with its URL escaped', () => {
    const link = 'https://pay.example.fr/i?a=1&b="><script>alert(1)</script>';
    const context = { ...ONE_INVOICE, invoices: [{ ...(ONE_INVOICE.invoices[0] as MessageContext['invoices'][number]), paymentLink: link }] };
    const html = renderTemplate(custom('Payer : {{paymentLink}}'), context, { format: 'html' }).body;
    expect(html).toMatch(/^<p>Payer : <a href="https:\/\/pay\.example\.fr\/i\?a=1&amp;b=[^"<>]*">[^<>]*<\/a><\/p>$/);
    expect(html).not.toContain('<script');
    expect(safeHttpsLink(' https://pay.example.fr/x ')).toBe('https://pay.example.fr/x');
  });

  it('turns blank lines into paragraphs and line breaks into <br>', () => {
    const html = renderTemplate(custom('{{salutation}}\n\nLigne 1\nLigne 2\n\n\n{{shopSignature}}'), ONE_INVOICE, { format: 'html' }).body;
    expect(html).toBe('<p>Bonjour Madame Martin,</p>\n<p>Ligne 1<br>Ligne 2</p>\n<p>Élodie Bernard<br>Boulangerie Élodie</p>');
  });

  it('renders {{invoiceList}} as a table outside any paragraph, and as lines in text', () => {
    const template = custom('Relevé :\n{{invoiceList}}\nTotal : {{amountDueTotal}}');
    const html = renderTemplate(template, TWO_INVOICES, { format: 'html' }).body;
    expect(html).toMatch(/^<p>Relevé :<\/p>\n<table[^>]*>.*<\/table>\n<p>Total : /s);
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain('<th style="padding:4px 8px;border:1px solid #ccc;text-align:right">Montant dû</th>');
    const text = renderTemplate(template, TWO_INVOICES, { format: 'text' }).body;
    expect(text).toBe(
      [
        'Relevé :',
        `• Facture F-2026-0042 du 1er octobre 2026, échue le 31 octobre 2026 : 1${NNBSP}234,50${NBSP}€ (22 jours de retard)`,
        '  Paiement en ligne : https://pay.example.fr/i/F-2026-0042',
        `• Facture F-2026-0057 du 15 octobre 2026, échue le 14 novembre 2026 : 50,00${NBSP}€ (8 jours de retard)`,
        `Total : 1${NNBSP}284,50${NBSP}€`,
      ].join('\n'),
    );
  });

  it('flattens line breaks in the subject', () => {
    const context = { ...BARE, customer: { name: 'A\r\nBcc: x@example.com', kind: 'business' as const } };
    const rendered = renderTemplate(custom('x', { channel: 'email', subject: 'Re: {{customerName}}' }), context, { format: 'html' });
    expect(rendered.subject).toBe('Re: A Bcc: x@example.com');
  });
});

describe('sections', () => {
  it('repeats {{#invoices}} per invoice and removes standalone tag lines', () => {
    const template = custom('Début\n{{#invoices}}\n- {{invoiceNumber}} : {{invoiceAmountDue}}{{#invoiceOverdue}} ({{invoiceDaysLate}}){{/invoiceOverdue}}\n{{/invoices}}\nFin');
    expect(renderTemplate(template, TWO_INVOICES, { format: 'text' }).body).toBe(
      `Début\n- F-2026-0042 : 1${NNBSP}234,50${NBSP}€ (22 jours)\n- F-2026-0057 : 50,00${NBSP}€ (8 jours)\nFin`,
    );
  });

  it.each([
    ['{{#paymentLink}}lien{{/paymentLink}}{{^paymentLink}}pas de lien{{/paymentLink}}', ONE_INVOICE, 'lien'],
    ['{{#paymentLink}}lien{{/paymentLink}}{{^paymentLink}}pas de lien{{/paymentLink}}', BARE, 'pas de lien'],
    // Two invoices with different (or missing) links: no single message-level link.
    ['{{#paymentLink}}lien{{/paymentLink}}{{^paymentLink}}pas de lien{{/paymentLink}}', TWO_INVOICES, 'pas de lien'],
    ['{{#business}}pro{{/business}}{{#consumer}}particulier{{/consumer}}', CONSUMER, 'particulier'],
    ['{{#charges}}frais{{/charges}}{{^charges}}sans frais{{/charges}}', CONSUMER, 'sans frais'],
    ['{{#charges}}frais{{/charges}}', ONE_INVOICE, 'frais'],
    ['{{#iban}}IBAN{{/iban}}{{^shopPhone}} sans tél.{{/shopPhone}}', BARE, 'sans tél.'],
    ['{{invoiceCount}}', TWO_INVOICES, '2 factures'],
    ['{{invoiceNumbers}}', TWO_INVOICES, 'F-2026-0042, F-2026-0057'],
    ['{{ customerName }}', BARE, 'SARL Dupont'],
  ])('%s → %j', (body, context, expected) => {
    expect(renderTemplate(custom(body), context, { format: 'text' }).body).toBe(expected);
  });
});

describe('validation', () => {
  it('flags unknown fields, once each, in subject and body', () => {
    const template = custom('{{customerNme}} {{#foo}}x{{/foo}} {{customerNme}} {{customerName}}', { subject: '{{montant}}' });
    expect(findUnknownFields(template)).toEqual(['montant', 'customerNme', 'foo']);
    expect(validateTemplate(template)).toEqual([
      { code: 'unknown-field', part: 'subject', field: 'montant', offset: 0, line: 1, column: 1 },
      { code: 'unknown-field', part: 'body', field: 'customerNme', offset: 0, line: 1, column: 1, suggestion: 'customerName' },
      { code: 'unknown-field', part: 'body', field: 'foo', offset: 16, line: 1, column: 17 },
      { code: 'unknown-field', part: 'body', field: 'customerNme', offset: 34, line: 1, column: 35, suggestion: 'customerName' },
    ]);
  });

  it.each<[string, string, Partial<MessageTemplate>, { code: string; part: 'subject' | 'body'; field?: string; line: number; column: number; suggestion?: string }]>([
    ['a misspelt field on line 3', 'Bonjour,\n\nMontant : {{amountDueTotl}}', {}, { code: 'unknown-field', part: 'body', field: 'amountDueTotl', line: 3, column: 11, suggestion: 'amountDueTotal' }],
    ['a field in French', 'x\n{{montantDu}}', {}, { code: 'unknown-field', part: 'body', field: 'montantDu', line: 2, column: 1 }],
    ['a wrong case', '{{CustomerName}}', {}, { code: 'unknown-field', part: 'body', field: 'CustomerName', line: 1, column: 1, suggestion: 'customerName' }],
    ['an unclosed brace', 'Bonjour\n  {{contactName merci', {}, { code: 'malformed-tag', part: 'body', field: '{{contactName merci', line: 2, column: 3 }],
    ['a closing brace alone', 'Total : amountDueTotal}}', {}, { code: 'malformed-tag', part: 'body', field: '}}', line: 1, column: 23 }],
    ['an unknown field in the subject', 'x', { channel: 'email', subject: 'Rappel {{numero}}' }, { code: 'unknown-field', part: 'subject', field: 'numero', line: 1, column: 8 }],
    ['an unclosed brace in the subject', 'x', { channel: 'email', subject: 'Rappel {{invoiceNumbers' }, { code: 'malformed-tag', part: 'subject', field: '{{invoiceNumbers', line: 1, column: 8 }],
    ['a section never closed', 'a\nb {{#paymentLink}}lien', {}, { code: 'unbalanced-section', part: 'body', field: 'paymentLink', line: 2, column: 3 }],
  ])('locates %s', (_, body, patch, expected) => {
    const issues = validateTemplate(custom(body, patch));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject(expected);
    if (!expected.suggestion) expect(issues[0]?.suggestion).toBeUndefined();
  });

  it.each([
    ['{{#invoices}}x', 'invoices'],
    ['x{{/invoices}}', 'invoices'],
    ['{{#invoices}}{{#iban}}x{{/invoices}}{{/iban}}', 'invoices'],
    ['{{#iban}}{{^iban}}x{{/iban}}', 'iban'],
  ])('refuses unbalanced sections: %j', (body, fieldName) => {
    const issues = validateTemplate(custom(body));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'unbalanced-section', part: 'body', field: fieldName }));
    expect(() => renderTemplate(custom(body), BARE, { format: 'text' })).toThrow(TemplateError);
  });

  it.each<[string, Partial<MessageTemplate>, string, string | undefined]>([
    ['empty body', { body: '  \n ' }, 'empty-body', undefined],
    ['email without subject', { channel: 'email', body: 'x' }, 'subject-required', undefined],
    ['email with blank subject', { channel: 'email', subject: ' ', body: 'x' }, 'subject-required', undefined],
    ['invoice field outside {{#invoices}}', { body: '{{invoiceNumber}}' }, 'misplaced-field', 'invoiceNumber'],
    ['nested {{#invoices}}', { body: '{{#invoices}}{{#invoices}}x{{/invoices}}{{/invoices}}' }, 'misplaced-field', 'invoices'],
    ['flag used as a value', { body: '{{business}}' }, 'not-a-value', 'business'],
    ['list used as a value', { body: '{{invoices}}' }, 'not-a-value', 'invoices'],
    ['invoice list in the subject', { channel: 'email', subject: '{{invoiceList}}', body: 'x' }, 'block-in-subject', 'invoiceList'],
    ['unclosed braces', { body: 'Bonjour {{customerName' }, 'malformed-tag', undefined],
    ['odd tag content', { body: '{{customer name}}' }, 'malformed-tag', undefined],
  ])('%s → %s', (_, patch, code, fieldName) => {
    const issues = validateTemplate(custom('x', patch));
    expect(issues.map((issue) => issue.code)).toContain(code);
    if (fieldName) expect(issues.find((issue) => issue.code === code)?.field).toBe(fieldName);
  });

  it('does not require a subject outside email', () => {
    expect(validateTemplate(custom('Bonjour', { channel: 'letter' }))).toEqual([]);
  });

  it('refuses to render an invalid template, naming the problem', () => {
    expect(() => renderTemplate(custom('{{oops}}'), BARE, { format: 'text' })).toThrow(/custom.*unknown-field \(oops\)/);
  });

  it('describes every field with an i18n key, names unique', () => {
    const names = TEMPLATE_FIELDS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of TEMPLATE_FIELDS) expect(f.descriptionKey).toBe(`templates.fields.${f.name}`);
  });
});

describe('templateFor', () => {
  const englishOnlyFr: MessageTemplate = { ...builtIn('first-reminder', 'fr'), id: 'shop-first', builtIn: false, body: 'texte maison' };
  const shopTemplates = [englishOnlyFr, ...ALL];

  it.each<[string, string, 'fr' | 'en', Channel, string, 'fr' | 'en']>([
    ['exact match', 'second-reminder', 'en', 'email', 'second-reminder', 'en'],
    ['falls back to French', 'shop-first', 'en', 'email', 'shop-first', 'fr'],
    ['unknown id: the channel generic, same language', 'nope', 'en', 'sms', 'sms-reminder', 'en'],
    ['id of another channel: the channel generic', 'first-reminder', 'fr', 'letter', 'reminder-letter', 'fr'],
    ['formal notice', 'whatever', 'fr', 'formal-notice', 'formal-notice', 'fr'],
  ])('%s', (_, id, language, channel, expectedId, expectedLanguage) => {
    const found = templateFor(id, language, channel, shopTemplates);
    expect([found.id, found.language, found.channel]).toEqual([expectedId, expectedLanguage, channel]);
  });

  it('prefers the shop templates and falls back to the built-in generic when the shop has none', () => {
    expect(templateFor('shop-first', 'fr', 'email', shopTemplates).body).toBe('texte maison');
    expect(templateFor('x', 'en', 'phone', []).id).toBe('phone-call');
    expect(templateFor('first-reminder', 'en', 'email').language).toBe('en');
  });
});

describe('chargesFrom', () => {
  const line = (ratePercent: number) => ({ from: '2026-11-01', to: '2026-11-10', days: 10, baseCents: 1000, ratePercent, amountCents: 3.3 });
  it.each<[string, LateFeeResult[], ReturnType<typeof chargesFrom>]>([
    ['adds penalties and indemnities, one rate', [
      { penaltyCents: 120, indemnityCents: 4000, lines: [line(12.15)] },
      { penaltyCents: 30, indemnityCents: 4000, lines: [line(12.15)] },
    ], { penaltyCents: 150, indemnityCents: 8000, ratePercent: 12.15 }],
    ['no rate when they differ', [
      { penaltyCents: 1, indemnityCents: 0, lines: [line(12.15), line(13.15)] },
    ], { penaltyCents: 1, indemnityCents: 0 }],
    ['nothing', [], { penaltyCents: 0, indemnityCents: 0 }],
  ])('%s', (_, results, expected) => {
    expect(chargesFrom(results)).toEqual(expected);
  });
});
