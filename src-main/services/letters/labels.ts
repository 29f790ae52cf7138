import type { LetterKind } from '../../contract/letters';
import { formatDate } from '../../../src-renderer/domain/dates';
import type { Language } from '../../../src-renderer/domain/model';

/** The fixed words of a letter, in the letter's language (the body comes from the templates). */
export interface LetterLabels {
  placeAndDate(place: string, date: string): string;
  /** "1er décembre 2026", "1 December 2026". */
  longDate(date: string): string;
  subject: string;
  reference: string;
  attention: string;
  registeredMail: string;
  invoice: string;
  issueDate: string;
  dueDate: string;
  amountDue: string;
  age: string;
  days(count: number): string;
  totalDue: string;
  chargesTitle: string;
  chargesInvoice: string;
  chargesPeriod: string;
  chargesDays: string;
  chargesRate: string;
  chargesAmount: string;
  penalty: string;
  indemnity: string;
  totalClaimed: string;
  qrCaption: string;
  iban: string;
  bic: string;
  siret: string;
  vat: string;
  instalment: string;
  instalmentsTotal: string;
  creditor: string;
  debtor: string;
  readAndApproved: string;
  page(number: number, total: number): string;
  continued: string;
  kindTitle: Record<LetterKind, string>;
}

function frenchLongDate(date: string): string {
  // "1er décembre 2026", as French letters write the first day of a month.
  const text = formatDate(date, 'fr', 'long');
  return date.endsWith('-01') ? text.replace(/^1 /, '1er ') : text;
}

export const LABELS: Record<Language, LetterLabels> = {
  fr: {
    placeAndDate: (place, date) => `${place}, le ${frenchLongDate(date)}`,
    longDate: frenchLongDate,
    subject: 'Objet :',
    reference: 'Réf. :',
    attention: "À l'attention de",
    registeredMail: 'Lettre recommandée avec accusé de réception',
    invoice: 'Facture',
    issueDate: 'Date',
    dueDate: 'Échéance',
    amountDue: 'Reste dû',
    age: 'Retard',
    days: (count) => (count <= 0 ? '—' : `${count} j`),
    totalDue: 'Total dû',
    chargesTitle: 'Pénalités de retard et indemnité forfaitaire',
    chargesInvoice: 'Facture',
    chargesPeriod: 'Période',
    chargesDays: 'Jours',
    chargesRate: 'Taux annuel',
    chargesAmount: 'Montant',
    penalty: 'Pénalités de retard',
    indemnity: 'Indemnité forfaitaire pour frais de recouvrement',
    totalClaimed: 'Total réclamé',
    qrCaption: "Pour payer par virement, scannez ce code avec l'application de votre banque.",
    iban: 'IBAN',
    bic: 'BIC',
    siret: 'SIRET',
    vat: 'TVA intracommunautaire',
    instalment: 'N°',
    instalmentsTotal: 'Total des échéances',
    creditor: 'Le créancier',
    debtor: 'Le débiteur',
    readAndApproved: 'Date et signature, précédées de la mention « Lu et approuvé »',
    page: (number, total) => `Page ${number} / ${total}`,
    continued: 'suite',
    kindTitle: {
      'first-reminder': 'Relance',
      'second-reminder': 'Deuxième relance',
      'formal-notice': 'Mise en demeure',
      statement: 'Relevé de compte',
      'payment-plan': 'Échéancier de paiement',
    },
  },
  en: {
    placeAndDate: (place, date) => `${place}, ${formatDate(date, 'en', 'long')}`,
    longDate: (date) => formatDate(date, 'en', 'long'),
    subject: 'Subject:',
    reference: 'Ref.:',
    attention: 'For the attention of',
    registeredMail: 'Registered letter with acknowledgement of receipt',
    invoice: 'Invoice',
    issueDate: 'Date',
    dueDate: 'Due date',
    amountDue: 'Amount due',
    age: 'Overdue',
    days: (count) => (count <= 0 ? '—' : `${count} d`),
    totalDue: 'Total due',
    chargesTitle: 'Late-payment interest and fixed recovery indemnity',
    chargesInvoice: 'Invoice',
    chargesPeriod: 'Period',
    chargesDays: 'Days',
    chargesRate: 'Annual rate',
    chargesAmount: 'Amount',
    penalty: 'Late-payment interest',
    indemnity: 'Fixed indemnity for recovery costs',
    totalClaimed: 'Total claimed',
    qrCaption: "To pay by bank transfer, scan this code with your bank's app.",
    iban: 'IBAN',
    bic: 'BIC',
    siret: 'SIRET',
    vat: 'VAT number',
    instalment: 'No.',
    instalmentsTotal: 'Total of the instalments',
    creditor: 'The creditor',
    debtor: 'The debtor',
    readAndApproved: 'Date and signature, preceded by the words "Read and approved"',
    page: (number, total) => `Page ${number} / ${total}`,
    continued: 'continued',
    kindTitle: {
      'first-reminder': 'Reminder',
      'second-reminder': 'Second reminder',
      'formal-notice': 'Formal notice',
      statement: 'Statement of account',
      'payment-plan': 'Payment plan agreement',
    },
  },
};
