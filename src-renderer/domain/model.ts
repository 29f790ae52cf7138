/**
 * The records Relance keeps. Pure types shared by the domain rules, the database and the screens.
 *
 * Conventions (see docs/architecture.md):
 * - money is integer cents (EUR);
 * - calendar dates are `YYYY-MM-DD` strings in the shop's time zone (`CalendarDate`);
 * - instants are ISO 8601 strings with an offset, normally UTC `…Z` (`IsoInstant`);
 * - ids are strings (random UUIDs for records the user creates, stable ids for demo data).
 */

import type { LateFeeRates } from './rates';
import type { BusinessHours } from './calendar';

export type CalendarDate = string;
export type IsoInstant = string;
export type Cents = number;

export type Language = 'fr' | 'en';

export type CustomerKind = 'business' | 'consumer';

export type Channel = 'email' | 'sms' | 'whatsapp' | 'phone' | 'letter' | 'formal-notice' | 'legal';

export interface PostalAddress {
  /** Street lines, as printed on an envelope (number and street, building, lieu-dit...). */
  lines: string[];
  postcode: string;
  city: string;
  /** ISO 3166-1 alpha-2, `FR` by default. */
  country: string;
}

export interface Contact {
  id: string;
  name: string;
  /** Civility used in salutations ("Madame Martin"); optional. */
  civility?: 'madame' | 'monsieur';
  role?: string;
  email?: string;
  /** E.164 when it could be normalised, otherwise as typed. */
  phone?: string;
  mobile?: string;
  /** A call found this number wrong (db/calls-repo.ts): shown on the contact until it is corrected. */
  wrongNumber?: { phone: string; since: CalendarDate };
}

export interface Customer {
  id: string;
  name: string;
  /** Lower-case, accent-free, single-spaced name: used for search and for matching on import. */
  normalizedName: string;
  kind: CustomerKind;
  siret?: string;
  vatNumber?: string;
  contacts: Contact[];
  preferredContactId?: string;
  address?: PostalAddress;
  preferredChannel: Channel;
  language: Language;
  tags: string[];
  notes?: string;
  /** Follow-up policy this customer follows; the shop's default when absent. */
  policyId?: string;
  doNotChase?: { reason: string; since: CalendarDate };
  /** Reminders are paused until this date (inclusive). */
  pausedUntil?: CalendarDate;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
}

export type InvoiceKind = 'invoice' | 'credit-note';

export interface Invoice {
  id: string;
  /** The shop's invoice number, unique. */
  number: string;
  kind: InvoiceKind;
  customerId: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  /** Total including tax, in cents. Positive for invoices and credit notes alike. */
  totalCents: Cents;
  /**
   * Sum of the payment allocations to this invoice, kept in step with `payments` by the repositories
   * inside the same transaction, so that lists can sort and filter on it without joining.
   */
  paidCents: Cents;
  paymentTerms?: string;
  paymentLink?: string;
  /** Copy of the invoice PDF, when the shop attached it. */
  pdf?: Blob;
  dispute?: { reason: string; since: CalendarDate };
  writeOff?: { reason: string; date: CalendarDate };
  cancelled?: { reason: string; date: CalendarDate };
  /** Follow-up policy override for this invoice. */
  policyId?: string;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
}

/**
 * `autre`: a payment whose means is unknown (e.g. paid amounts read from an invoicing tool's export);
 * `avoir`: a credit note applied to invoices (see db/ledger-repo.ts, `addCreditNote`).
 */
export type PaymentMethod = 'virement' | 'cheque' | 'carte' | 'especes' | 'prelevement' | 'autre' | 'avoir';

/**
 * Where a payment comes from: typed by the user, read from an imported file, or a credit note turned
 * into a payment. A `credit-note` payment has the id `avoir-<credit note id>` and the credit note's
 * `paidCents` equals its amount (the credit note is "used"; see db/ledger-repo.ts).
 */
export type PaymentSource = 'manual' | 'import' | 'credit-note';

export interface PaymentAllocation {
  invoiceId: string;
  amountCents: Cents;
}

export interface Payment {
  id: string;
  customerId: string;
  date: CalendarDate;
  amountCents: Cents;
  method: PaymentMethod;
  reference?: string;
  /** Absent on payments recorded before the field existed: read as `manual`. */
  source?: PaymentSource;
  /** How the payment settles invoices; what is not allocated stays as a credit on the customer. */
  allocations: PaymentAllocation[];
  /** Denormalised from `allocations` for the multi-entry index. */
  invoiceIds: string[];
  createdAt: IsoInstant;
}

export type InteractionKind =
  | 'reminder'
  | 'call'
  | 'letter'
  | 'note'
  | 'status-change'
  | 'promise'
  | 'payment-plan'
  | 'payment';

export type ReminderStatus = 'draft' | 'queued' | 'sending' | 'sent' | 'retrying' | 'failed' | 'skipped';

export type CallOutcome =
  | 'no-answer'
  | 'voicemail'
  | 'promise'
  | 'dispute'
  | 'says-paid'
  | 'wrong-number'
  | 'asks-plan'
  | 'call-back';

/** One entry of the customer's timeline. */
export interface Interaction {
  id: string;
  customerId: string;
  kind: InteractionKind;
  /** When it happened (or was queued), ISO instant. */
  at: IsoInstant;
  invoiceIds: string[];
  channel?: Channel;
  /** Follow-up policy and step that produced it, for the audit trail and "what works". */
  policyId?: string;
  stepId?: string;
  tone?: 'courtesy' | 'friendly' | 'firm' | 'formal';
  status?: ReminderStatus;
  /** Exactly-once key handed to the main process for emails. */
  idempotencyKey?: string;
  subject?: string;
  body?: string;
  callOutcome?: CallOutcome;
  durationSeconds?: number;
  /** Free text typed by the user. */
  notes?: string;
  /** Path of an archived document (letter PDF) in the data folder. */
  documentPath?: string;
  /** Kind-specific details (status change from/to, server message id...). */
  details?: Record<string, string | number | boolean | null>;
}

export type PromiseStatus = 'pending' | 'kept' | 'broken' | 'cancelled';

export interface PromiseToPay {
  id: string;
  customerId: string;
  invoiceIds: string[];
  promisedDate: CalendarDate;
  amountCents: Cents;
  status: PromiseStatus;
  createdAt: IsoInstant;
  /** The call or note it came from. */
  interactionId?: string;
}

export type PlanStatus = 'active' | 'completed' | 'broken' | 'cancelled';

export interface Instalment {
  dueDate: CalendarDate;
  amountCents: Cents;
  paidCents: Cents;
}

export interface PaymentPlan {
  id: string;
  customerId: string;
  invoiceIds: string[];
  downPaymentCents: Cents;
  frequency: 'weekly' | 'monthly';
  instalments: Instalment[];
  status: PlanStatus;
  createdAt: IsoInstant;
}

export type Tone = 'courtesy' | 'friendly' | 'firm' | 'formal';

/**
 * A message text with merge fields (see domain/templates.ts for the syntax and the fields). The French
 * and English versions of one template share its `id`: a template is identified by `id` + `language`,
 * so a follow-up step's `templateId` does not depend on the customer's language.
 */
export interface MessageTemplate {
  id: string;
  channel: Channel;
  tone: Tone;
  language: Language;
  /** Email subject (required for email), or the "Objet" line of a letter. */
  subject?: string;
  body: string;
  /** Shipped with the app (domain/builtin-templates.ts): can be copied, not edited. */
  builtIn: boolean;
}

/** The shop's text of a shipped template in one language (domain/template-overrides.ts). */
export interface TemplateOverride {
  /** Kept only for templates that have a subject (emails, letters). */
  subject?: string;
  body: string;
  savedAt: IsoInstant;
}

/** `overrides[templateId][language]`: the shop's own wording of the shipped templates. */
export type TemplateOverrides = Readonly<Record<string, Partial<Record<Language, TemplateOverride>>>>;

export interface FollowUpStep {
  id: string;
  /** Days from the due date; negative means before it. */
  offsetDays: number;
  channel: Channel;
  tone: Tone;
  templateId: string;
  /** New payment deadline, in days, printed in the message. */
  newDeadlineDays: number;
  /** Sent on its own (email only) or waits for the user in Today. */
  automatic: boolean;
  /**
   * Letter steps only (letter, formal notice): the printed letter's PDF also goes by email to the
   * customer, with a covering email (domain/letter-copy.ts). Absent: by post only.
   */
  alsoByEmail?: boolean;
}

export interface FollowUpPolicy {
  id: string;
  /** The name the user gave it (for built-in policies: the French name). */
  name: string;
  /**
   * Names in both languages, for built-in policies (the screens show the one of the user's
   * language); absent on policies the user created, which keep `name` in every language.
   */
  names?: { fr: string; en: string };
  /** What it is for, in both languages ("for loyal customers..."); optional. */
  description?: { fr: string; en: string };
  /** Built-in policies can be copied but not deleted. */
  builtIn: boolean;
  /** In order of `offsetDays`, strictly increasing (see `validatePolicy` in policies.ts). */
  steps: FollowUpStep[];
}

export interface ShopIdentity {
  name: string;
  address: PostalAddress;
  siret?: string;
  vatNumber?: string;
  iban?: string;
  bic?: string;
  email?: string;
  phone?: string;
  /** Logo as a data: URL (PNG or JPEG), small enough to print on letters. */
  logoDataUrl?: string;
  signature?: string;
}

/** Everything the user sets in the settings screen. Stored as one record per key. */
export interface SettingsValues {
  shop: ShopIdentity;
  /** IANA time zone of the shop, `Europe/Paris` by default. */
  timeZone: string;
  language: Language;
  defaultPolicyId?: string;
  /**
   * Late-payment reference rates as the shop keeps them (Settings, rates): `KNOWN_RATES` until the
   * shop saves its own (read them with `lateFeeRatesOf`, domain/rate-tables.ts).
   */
  lateFeeRates?: LateFeeRates;
  /**
   * When automatic emails may go out: open days, time windows, holidays, closed dates; the time zone
   * is `timeZone`. `DEFAULT_BUSINESS_HOURS` until saved (read with `businessCalendarOf`).
   */
  businessCalendar?: BusinessHours;
  /** The shop's own wording of the shipped templates (domain/template-overrides.ts); absent: none edited. */
  templateOverrides?: TemplateOverrides;
}

export const DEFAULT_SETTINGS: SettingsValues = {
  shop: { name: '', address: { lines: [], postcode: '', city: '', country: 'FR' } },
  timeZone: 'Europe/Paris',
  language: 'fr',
};
