import { z } from 'zod';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import type { LETTER_EVENT_NAMES, LETTER_METHOD_NAMES } from './letters-names';

/**
 * Schemas of the letters service's methods and events (see methods.ts for the conventions).
 *
 * A letter arrives fully decided: the renderer chose the template, rendered its text
 * (`paragraphs`), listed the invoices and computed the late-payment charges with
 * `latePaymentCharges`. Main only lays it out (services/letters), so the PDF says exactly what the
 * screen showed.
 */

const calendarDate = z.iso.date();
const cents = z.number().int().nonnegative().max(99_999_999_999);
const line = (max: number) => z.string().max(max).refine((text) => !/[\r\n]/.test(text), { message: 'must fit on one line' });

const postalAddress = z
  .object({
    lines: z.array(line(120)).max(4),
    postcode: line(20),
    city: line(80),
    /** ISO 3166-1 alpha-2; printed on the envelope only when it is not `FR`. */
    country: z.string().regex(/^[A-Z]{2}$/).default('FR'),
  })
  .strict();

/** A data: URL of a PNG or JPEG image, 1 MiB of base64 at most. */
const imageDataUrl = z
  .string()
  .max(1_400_000)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/, 'must be a PNG or JPEG data: URL');

const shop = z
  .object({
    name: line(120).min(1),
    address: postalAddress,
    siret: line(20).optional(),
    vatNumber: line(20).optional(),
    /** With or without spaces. When set, letters carry a SEPA QR code (EPC069-12). */
    iban: z
      .string()
      .max(50)
      .refine((iban) => isValidIBAN(electronicFormatIBAN(iban) ?? ''), { message: 'must be a valid IBAN' })
      .optional(),
    bic: z
      .string()
      .max(15)
      .refine((bic) => isValidBIC(bic.replace(/\s+/g, '').toUpperCase()), { message: 'must be a valid BIC' })
      .optional(),
    email: line(200).optional(),
    phone: line(40).optional(),
    logoDataUrl: imageDataUrl.optional(),
  })
  .strict();

const invoiceRow = z
  .object({
    number: line(60).min(1),
    issueDate: calendarDate,
    dueDate: calendarDate,
    /** What is still unpaid on it, in cents. */
    amountDueCents: cents,
  })
  .strict();

/** One line of `latePaymentCharges` (domain/late-fees.ts) with the invoice it belongs to. */
const chargeLine = z
  .object({
    invoiceNumber: line(60).min(1),
    from: calendarDate,
    to: calendarDate,
    days: z.number().int().nonnegative(),
    baseCents: cents,
    ratePercent: z.number().nonnegative().max(100),
    /** Exact amount, not rounded (rounded for print). */
    amountCents: z.number().nonnegative(),
  })
  .strict();

export const LETTER_KINDS = ['first-reminder', 'second-reminder', 'formal-notice', 'statement', 'payment-plan'] as const;

export const letterInputSchema = z
  .object({
    kind: z.enum(LETTER_KINDS),
    language: z.enum(['fr', 'en']),
    /** The letter's date, in the shop's calendar: "Lyon, le 22 novembre 2026". */
    date: calendarDate,
    /** Where it is written; the shop's city when absent. */
    place: line(80).optional(),
    shop,
    recipient: z
      .object({
        name: line(120).min(1),
        /** "À l'attention de Mme Martin". */
        attention: line(120).optional(),
        address: postalAddress,
      })
      .strict(),
    /** The "Objet" line (the template's subject). */
    subject: line(300).min(1),
    /** The "Réf." line: customer account, invoice numbers... */
    reference: line(300).optional(),
    /** The body, rendered from the template by the renderer: one string per paragraph. */
    paragraphs: z.array(z.string().max(5000)).max(60),
    /**
     * Paragraphs printed after the invoice table, the charges and the schedule (the template's text
     * after `{{invoiceList}}`: the deadline, how to pay, the closing formula and signature).
     */
    closing: z.array(z.string().max(5000)).max(60).optional(),
    invoices: z.array(invoiceRow).max(2000),
    /** Late-payment charges (formal notices), computed by the renderer with `latePaymentCharges`. */
    charges: z
      .object({
        lines: z.array(chargeLine).max(5000),
        /** Rounded sum of the lines. */
        penaltyCents: cents,
        /** 40 € per invoice for business customers, 0 for consumers. */
        indemnityCents: cents,
      })
      .strict()
      .optional(),
    /** Payment plan agreements (échéancier): the schedule, in order. Required for that kind only. */
    instalments: z
      .array(z.object({ dueDate: calendarDate, amountCents: cents.min(1) }).strict())
      .min(1)
      .max(120)
      .optional(),
    /** Printed under the closing: the shop's signatory. */
    signature: line(120).optional(),
  })
  .strict()
  .superRefine((letter, context) => {
    if ((letter.kind === 'payment-plan') !== (letter.instalments !== undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['instalments'],
        message: 'required for a payment plan, and only for one',
      });
    }
  });

export type LetterInput = z.output<typeof letterInputSchema>;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** Name of the archived copy, without folder; `.pdf` is added when missing. */
const archiveName = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[/\\\0:*?"<>|]/.test(name) && !/^\.+$/.test(name) && !name.startsWith('.'), {
    message: 'must be a file name, without a folder',
  });

/**
 * An archived letter: its path in the data folder, `letters/<year>/<file>.pdf`, as `letters.archive`
 * answered it (stored in the interaction's `documentPath`). Checked strictly: one year folder, one
 * file name without folder characters, never `..` nor a hidden file (the service checks again that
 * the resolved path stays in the letters folder).
 */
export const archivedLetterId = z
  .string()
  .max(260)
  .regex(/^letters\/\d{4}\/[^/\\\0:*?"<>|]+\.pdf$/, 'must be letters/<year>/<file>.pdf')
  .refine((id) => !id.split('/').some((part) => part.startsWith('.')), { message: 'must not name a hidden file or a parent folder' })
  .refine((id) => ![...id].some((char) => char.charCodeAt(0) < 0x20), { message: 'must not hold control characters' });

const renderedPdf = z.object({
  pdfBase64: z.base64(),
  pages: z.number().int().positive(),
});

export const letterMethods = {
  'letters.render': {
    args: z.object({ letter: letterInputSchema, archiveAs: archiveName.optional() }).strict(),
    /** `archivedPath`: `<data>/letters/<year of the letter>/<archiveAs>.pdf`, when asked. */
    result: renderedPdf.extend({ archivedPath: z.string().optional() }),
  },
  'letters.renderBatch': {
    /**
     * Every letter in one PDF (print today's letters), each numbered on its own. `print`: in the
     * desktop app, also open the system's print dialog on it (`printed: true`); the browser mode
     * answers `printed: false` and the renderer opens the PDF in a new tab.
     */
    args: z.object({ letters: z.array(letterInputSchema).min(1).max(500), print: z.boolean().optional() }).strict(),
    result: renderedPdf.extend({ letters: z.number().int().positive(), printed: z.boolean().optional() }),
  },
  'letters.archive': {
    /** Renders one letter and keeps it as its own PDF in the data folder; `name` without extension. */
    args: z.object({ letter: letterInputSchema, name: archiveName }).strict(),
    result: z.object({ id: archivedLetterId, pages: z.number().int().positive() }),
  },
  'letters.openArchived': {
    /**
     * Shows an archived letter: the system's viewer (or print dialog, with `print`) in the desktop
     * app; in the browser mode the PDF comes back for the renderer to open in a new tab.
     */
    args: z.object({ id: archivedLetterId, print: z.boolean().optional() }).strict(),
    result: z.discriminatedUnion('status', [
      z.object({ status: z.literal('opened') }),
      z.object({ status: z.literal('open-in-renderer'), pdfBase64: z.base64() }),
    ]),
  },
  'letters.readArchived': {
    /**
     * The bytes of an archived letter, for the renderer to attach to an email (a statement of account
     * sent with a firm reminder): the archive is never overwritten, so every attempt of one email
     * carries the same PDF.
     */
    args: z.object({ id: archivedLetterId }).strict(),
    result: z.object({ pdfBase64: z.base64() }),
  },
  'letters.mergeArchived': {
    /**
     * "Print today's letters": the archived letters, in order, in one PDF — their pages copied, not
     * laid out again (each letter is rendered once, for its archive). `print` as for `renderBatch`.
     */
    args: z.object({ ids: z.array(archivedLetterId).min(1).max(500), print: z.boolean().optional() }).strict(),
    result: renderedPdf.extend({ letters: z.number().int().positive(), printed: z.boolean().optional() }),
  },
  'letters.warmUp': {
    /**
     * Gets the letter worker threads ready before "print today's letters" is pressed (the first
     * batch of a fresh worker costs several times the next ones): starts them and lays out a
     * throwaway letter in each. Writes nothing. `warmed: false` where letters are rendered in the
     * calling process (no built worker: sources and tests).
     */
    args: z.object({}).strict(),
    result: z.object({ warmed: z.boolean() }),
  },
} as const satisfies Record<(typeof LETTER_METHOD_NAMES)[number], { args: z.ZodType; result: z.ZodType }>;
export const letterEvents = {} as const satisfies Record<(typeof LETTER_EVENT_NAMES)[number], z.ZodType>;
