/**
 * The built-in texts of a payment plan's instalment reminders (instalment-reminders.ts), French and
 * English, for email, SMS and WhatsApp ("rappel d'échéance"). They follow the wording rules of
 * builtin-templates.ts: polite, "montant dû", the deadline given, the closing line on the reminder
 * after a missed instalment (the one before is a courtesy: nothing is late yet). A call uses the
 * shop's call script (features/calls), so no phone text here.
 *
 * `{{newDeadline}}` is the instalment's date before it, the last grace day after it; the
 * `instalment…` fields say which instalment and how much is left to pay on it (templates.ts).
 */
import { CLOSING_LINE } from './builtin-templates';
import type { InstalmentReminderWhen } from './instalment-reminders';
import type { Channel, MessageTemplate } from './model';
import { lines, paymentLines, type TemplateText as ShippedText } from './template-texts';

/** The id and channel come from `instalmentReminderTemplateId` and the loop below. */
type TemplateText = Omit<ShippedText, 'id' | 'channel'>;
type ShortChannel = 'sms' | 'whatsapp';

/** Whether a template is one of a payment plan's instalment reminders (not a policy step's text). */
export function isInstalmentReminderTemplate(id: string): boolean {
  return id.startsWith('instalment-');
}

/** The template id of a reminder on a channel; a call gets the built-in phone script. */
export function instalmentReminderTemplateId(when: InstalmentReminderWhen, channel: Channel): string {
  return channel === 'email' || channel === 'sms' || channel === 'whatsapp' ? `instalment-${when}-${channel}` : 'phone-call';
}

// Built when asked, not at load: builtin-templates.ts imports this module and CLOSING_LINE from it.
const emailTexts = (): Record<'fr' | 'en', Record<InstalmentReminderWhen, TemplateText>> => ({
  fr: {
    before: {
      tone: 'courtesy',
      subject: 'Rappel d’échéance : échéance n° {{instalmentNumber}} de votre échéancier le {{newDeadline}}',
      body: lines(
        '{{salutation}}',
        '',
        'Merci encore pour l’échéancier convenu ensemble. Petit rappel : l’échéance n° {{instalmentNumber}}, d’un montant dû de {{instalmentAmount}}, est à régler le {{newDeadline}}.',
        '',
        ...paymentLines('fr', 'quick'),
        '',
        'Si votre règlement est déjà en route, merci beaucoup ! Pour toute question, nous restons à votre disposition.',
        '',
        'Bien cordialement,',
        '{{shopSignature}}',
      ),
    },
    missed: {
      tone: 'friendly',
      subject: 'Échéance n° {{instalmentNumber}} de votre échéancier',
      body: lines(
        '{{salutation}}',
        '',
        'Sauf erreur de notre part, l’échéance n° {{instalmentNumber}} de votre échéancier, prévue le {{instalmentDate}}, ne nous est pas encore parvenue. Il s’agit sans doute d’un simple oubli.',
        '',
        'Montant dû pour cette échéance : {{instalmentAmount}}, à régler d’ici le {{newDeadline}} pour que l’échéancier se poursuive comme convenu.',
        '',
        ...paymentLines('fr', 'plain'),
        '',
        'En cas de difficulté, appelez-nous{{#shopPhone}} au {{shopPhone}}{{/shopPhone}} : nous trouverons une solution ensemble.',
        '',
        CLOSING_LINE.fr,
        '',
        'Bien cordialement,',
        '{{shopSignature}}',
      ),
    },
  },
  en: {
    before: {
      tone: 'courtesy',
      subject: 'Instalment reminder: instalment {{instalmentNumber}} of your payment plan on {{newDeadline}}',
      body: lines(
        '{{salutation}}',
        '',
        'Thank you again for the payment plan we agreed together. A short reminder: instalment {{instalmentNumber}}, an amount due of {{instalmentAmount}}, is to be paid on {{newDeadline}}.',
        '',
        ...paymentLines('en', 'quick'),
        '',
        'If your payment is already on its way, thank you very much! We remain at your disposal for any question.',
        '',
        'Kind regards,',
        '{{shopSignature}}',
      ),
    },
    missed: {
      tone: 'friendly',
      subject: 'Instalment {{instalmentNumber}} of your payment plan',
      body: lines(
        '{{salutation}}',
        '',
        'Unless we are mistaken, instalment {{instalmentNumber}} of your payment plan, planned for {{instalmentDate}}, has not reached us yet. It is probably a simple oversight.',
        '',
        'Amount due for this instalment: {{instalmentAmount}}, to be paid by {{newDeadline}} so that the plan carries on as agreed.',
        '',
        ...paymentLines('en', 'plain'),
        '',
        'If anything makes it difficult, call us{{#shopPhone}} on {{shopPhone}}{{/shopPhone}}: we will find a solution together.',
        '',
        CLOSING_LINE.en,
        '',
        'Kind regards,',
        '{{shopSignature}}',
      ),
    },
  },
});

/** SMS and WhatsApp share their words (each channel needs its own template). */
const shortTexts = (): Record<'fr' | 'en', Record<InstalmentReminderWhen, TemplateText>> => ({
  fr: {
    before: {
      tone: 'courtesy',
      body: '{{salutation}} petit rappel de {{shopName}} : l’échéance n° {{instalmentNumber}} de votre échéancier (montant dû : {{instalmentAmount}}) est à régler le {{newDeadline}}. Merci !',
    },
    missed: {
      tone: 'friendly',
      body:
        '{{salutation}} ici {{shopName}}. Sauf erreur, l’échéance n° {{instalmentNumber}} du {{instalmentDate}} (montant dû : {{instalmentAmount}}) ne nous est pas parvenue : merci de la régler d’ici le {{newDeadline}}. ' +
        CLOSING_LINE.fr +
        ' Merci !',
    },
  },
  en: {
    before: {
      tone: 'courtesy',
      body: '{{salutation}} a short reminder from {{shopName}}: instalment {{instalmentNumber}} of your payment plan (amount due: {{instalmentAmount}}) is to be paid on {{newDeadline}}. Thank you!',
    },
    missed: {
      tone: 'friendly',
      body:
        '{{salutation}} this is {{shopName}}. Unless we are mistaken, instalment {{instalmentNumber}} of {{instalmentDate}} (amount due: {{instalmentAmount}}) has not reached us: please pay it by {{newDeadline}}. ' +
        CLOSING_LINE.en +
        ' Thank you!',
    },
  },
});

/** Fresh copies of the instalment reminder templates, French first (added to builtInTemplates()). */
export function instalmentReminderTemplates(): MessageTemplate[] {
  const EMAIL = emailTexts();
  const SHORT = shortTexts();
  const all: MessageTemplate[] = [];
  for (const language of ['fr', 'en'] as const) {
    for (const when of ['before', 'missed'] as const) {
      all.push({ ...EMAIL[language][when], id: instalmentReminderTemplateId(when, 'email'), channel: 'email', language, builtIn: true });
      for (const channel of ['sms', 'whatsapp'] as ShortChannel[]) {
        all.push({ ...SHORT[language][when], id: instalmentReminderTemplateId(when, channel), channel, language, builtIn: true });
      }
    }
  }
  return all;
}
