/**
 * The demo data set: a small French shop's 18 months of invoicing, generated from a seed so that it is
 * the same on every run, and dated relative to `today` so that it always looks current.
 *
 * Everything is expressed as "days before today", so the same (seed) with another `today` gives the
 * same records shifted in time (invoice numbers may change when the shift crosses a new year).
 *
 * Archetypes (stable ids, also exported as `DEMO_IDS` so features and tests can find them):
 *
 * | id                | customer                        | what it shows                                                        |
 * |-------------------|---------------------------------|----------------------------------------------------------------------|
 * | demo-customer-01…06 | Boulangerie Martin … Sophie Laurent | reliable payers: every invoice paid on or before its due date     |
 * | demo-customer-07…10 | Restaurant Le Petit Zinc … Kévin Morel | chronic late payers: paid 20–60 days after the due date        |
 * | demo-customer-11  | Garage Lefèvre SARL             | good payer turned late: paid on time while due dates were more than 130 days ago, then 32–45 days late (≥ 3 late payments in the last 4 months, ≥ 10 on-time ones before) |
 * | demo-customer-12  | Plomberie Girard SAS            | disputed invoice (`dispute` set, due 40 days ago) + call logging the dispute |
 * | demo-customer-13  | Hôtel des Voyageurs             | partly paid invoice (800 € of 2 340 €, due 20 days ago)             |
 * | demo-customer-14  | SARL Électricité Chevalier      | active payment plan over 2 overdue invoices: 4 monthly instalments, 2 paid |
 * | demo-customer-15  | Auto-École Bernard              | pending promise to pay (in 4 days) made during a call 3 days ago     |
 * | demo-customer-16…20 | Librairie des Halles … Jean-Pierre Dupont | one open invoice each, 5, 12, 35, 70 and 120 days late, with the reminders, calls and letters sent so far |
 * | demo-customer-21  | Damien Leroy                    | written-off invoice                                                  |
 * | demo-customer-22  | Cave à vins Bonnet              | cancelled invoice (issued twice by mistake)                          |
 * | demo-customer-23  | Crèche Les Petits Loups         | a note on the timeline                                               |
 * | demo-customer-24  | Fromagerie Rousseau             | reminders paused for 10 more days (`pausedUntil`)                    |
 * | demo-customer-25  | James Whitfield                 | English-speaking consumer (`language: 'en'`)                         |
 * | demo-customer-20  | Jean-Pierre Dupont              | also: no email address (phone and letters only)                      |
 * | demo-customer-30  | Institut Beauté Nacre           | also: no postal address (letters impossible, a data warning to show) |
 * | others            | usual payers                    | mostly on time, sometimes a few days late; a few pay two invoices in one transfer |
 *
 * Recent invoices of every customer are naturally still open (not yet due, or due a few days ago).
 *
 * Contact data is fictitious: emails at example.com/.net/.org (domains reserved by RFC 2606, unlike
 * example.fr), phone numbers in the ranges ARCEP sets aside for fiction (01 99 00 xx xx,
 * 06 39 98 xx xx), SIRETs made up but Luhn-valid. Cities and postcodes are real.
 */
import { allocateOldestFirst } from './allocation';
import { addDays, addMonths, compareDates, daysBetween } from './dates';
import type {
  CalendarDate,
  Channel,
  Contact,
  Customer,
  CustomerKind,
  Interaction,
  Invoice,
  IsoInstant,
  Language,
  Payment,
  PaymentMethod,
  PaymentPlan,
  PromiseToPay,
  Tone,
} from './model';
import { createRandom, type Random } from './random';
import { frenchVatNumber, luhnCheckDigit } from './siret';
import { normalizeName } from './text';

export interface DemoData {
  customers: Customer[];
  invoices: Invoice[];
  payments: Payment[];
  interactions: Interaction[];
  promises: PromiseToPay[];
  paymentPlans: PaymentPlan[];
}

export const DEMO_SEED = 20261123;

const customerId = (n: number): string => `demo-customer-${String(n).padStart(2, '0')}`;

/** The fixture invoices: their ids are `demo-invoice-<tag>` (history invoices are `demo-invoice-0001`…). */
export type DemoFixtureTag =
  | 'disputed'
  | 'partly-paid'
  | 'plan-1'
  | 'plan-2'
  | 'promised'
  | 'late-5'
  | 'late-12'
  | 'late-35'
  | 'late-70'
  | 'late-120'
  | 'written-off'
  | 'cancelled';

const fixtureInvoiceId = (tag: DemoFixtureTag): string => `demo-invoice-${tag}`;

/** Ids of the archetypes described above. */
export const DEMO_IDS = {
  reliablePayers: [1, 2, 3, 4, 5, 6].map(customerId),
  chronicLatePayers: [7, 8, 9, 10].map(customerId),
  turnedLate: customerId(11),
  disputed: customerId(12),
  partlyPaid: customerId(13),
  paymentPlan: customerId(14),
  pendingPromise: customerId(15),
  overdueByDaysLate: { 5: customerId(16), 12: customerId(17), 35: customerId(18), 70: customerId(19), 120: customerId(20) },
  writtenOff: customerId(21),
  cancelled: customerId(22),
  withNote: customerId(23),
  paused: customerId(24),
  englishSpeaking: customerId(25),
  withoutEmail: customerId(20),
  withoutAddress: customerId(30),
  paymentPlanId: 'demo-plan-01',
  pendingPromiseId: 'demo-promise-01',
  invoices: {
    disputed: fixtureInvoiceId('disputed'),
    partlyPaid: fixtureInvoiceId('partly-paid'),
    paymentPlan: [fixtureInvoiceId('plan-1'), fixtureInvoiceId('plan-2')],
    promised: fixtureInvoiceId('promised'),
    overdueByDaysLate: {
      5: fixtureInvoiceId('late-5'),
      12: fixtureInvoiceId('late-12'),
      35: fixtureInvoiceId('late-35'),
      70: fixtureInvoiceId('late-70'),
      120: fixtureInvoiceId('late-120'),
    },
    writtenOff: fixtureInvoiceId('written-off'),
    cancelled: fixtureInvoiceId('cancelled'),
  },
} as const;

// ---------------------------------------------------------------------------------------------------
// The customers

type Behaviour = 'reliable' | 'usual' | 'chronic-late' | 'turned-late';

interface CustomerSpec {
  name: string;
  kind: CustomerKind;
  behaviour: Behaviour;
  /** Average days between two invoices; 0 = no invoice history (fixtures only). */
  cadenceDays: number;
  /** Amount before tax, whole euros; the invoice total adds 20 % VAT. */
  amountHt: [number, number];
  termsDays: 30 | 45 | 60;
  method: PaymentMethod;
  channel: Channel;
  city: number;
  street: string;
  contact: [civility: 'madame' | 'monsieur', first: string, last: string, role?: string];
  secondContact?: [civility: 'madame' | 'monsieur', first: string, last: string, role: string];
  tags?: string[];
  language?: Language;
}

const CITIES: ReadonlyArray<[postcode: string, city: string]> = [
  ['75011', 'Paris'],
  ['69003', 'Lyon'],
  ['13006', 'Marseille'],
  ['31000', 'Toulouse'],
  ['44000', 'Nantes'],
  ['33000', 'Bordeaux'],
  ['59000', 'Lille'],
  ['35000', 'Rennes'],
  ['67000', 'Strasbourg'],
  ['34000', 'Montpellier'],
  ['06000', 'Nice'],
  ['38000', 'Grenoble'],
  ['21000', 'Dijon'],
  ['49000', 'Angers'],
  ['37000', 'Tours'],
  ['63000', 'Clermont-Ferrand'],
  ['87000', 'Limoges'],
  ['76000', 'Rouen'],
  ['14000', 'Caen'],
  ['45000', 'Orléans'],
  ['51100', 'Reims'],
  ['57000', 'Metz'],
  ['24000', 'Périgueux'],
  ['74000', 'Annecy'],
  ['29200', 'Brest'],
  ['42000', 'Saint-Étienne'],
  ['84000', 'Avignon'],
  ['17000', 'La Rochelle'],
];

// prettier-ignore
const CUSTOMERS: readonly CustomerSpec[] = [
  /* 01 */ { name: 'Boulangerie Martin', kind: 'business', behaviour: 'reliable', cadenceDays: 30, amountHt: [80, 450], termsDays: 30, method: 'prelevement', channel: 'email', city: 1, street: '12 rue des Tanneurs', contact: ['madame', 'Claire', 'Martin', 'Gérante'], tags: ['fidèle'] },
  /* 02 */ { name: 'Pharmacie du Centre', kind: 'business', behaviour: 'reliable', cadenceDays: 30, amountHt: [150, 900], termsDays: 30, method: 'virement', channel: 'email', city: 12, street: '3 place du Marché', contact: ['monsieur', 'Olivier', 'Benoît', 'Pharmacien titulaire'], secondContact: ['madame', 'Inès', 'Carpentier', 'Comptabilité'], tags: ['fidèle'] },
  /* 03 */ { name: 'Cabinet Dubois & Associés', kind: 'business', behaviour: 'reliable', cadenceDays: 45, amountHt: [400, 3000], termsDays: 45, method: 'virement', channel: 'email', city: 5, street: '27 cours de l’Intendance', contact: ['madame', 'Hélène', 'Dubois', 'Associée'], tags: ['fidèle'] },
  /* 04 */ { name: 'SAS Menuiserie Roux', kind: 'business', behaviour: 'reliable', cadenceDays: 40, amountHt: [300, 3200], termsDays: 60, method: 'virement', channel: 'email', city: 13, street: '8 chemin des Vignes', contact: ['monsieur', 'Marc', 'Roux', 'Président'] },
  /* 05 */ { name: 'Fromagerie des Alpes', kind: 'business', behaviour: 'reliable', cadenceDays: 35, amountHt: [60, 400], termsDays: 30, method: 'cheque', channel: 'phone', city: 23, street: '5 rue Royale', contact: ['monsieur', 'Julien', 'Favre', 'Gérant'] },
  /* 06 */ { name: 'Sophie Laurent', kind: 'consumer', behaviour: 'reliable', cadenceDays: 110, amountHt: [20, 300], termsDays: 30, method: 'carte', channel: 'email', city: 0, street: '41 rue Oberkampf', contact: ['madame', 'Sophie', 'Laurent'] },
  /* 07 */ { name: 'Restaurant Le Petit Zinc', kind: 'business', behaviour: 'chronic-late', cadenceDays: 30, amountHt: [200, 1400], termsDays: 30, method: 'cheque', channel: 'phone', city: 2, street: '19 rue Sainte', contact: ['monsieur', 'Karim', 'Haddad', 'Gérant'], tags: ['à surveiller'] },
  /* 08 */ { name: 'SARL Peinture Garnier', kind: 'business', behaviour: 'chronic-late', cadenceDays: 35, amountHt: [350, 3300], termsDays: 45, method: 'virement', channel: 'email', city: 3, street: '14 avenue Jean-Jaurès', contact: ['monsieur', 'Stéphane', 'Garnier', 'Gérant'], secondContact: ['madame', 'Nadia', 'Garnier', 'Secrétariat'], tags: ['à surveiller'] },
  /* 09 */ { name: 'Café de la Gare', kind: 'business', behaviour: 'chronic-late', cadenceDays: 30, amountHt: [90, 700], termsDays: 30, method: 'especes', channel: 'phone', city: 14, street: '1 place du Général-Leclerc', contact: ['madame', 'Nathalie', 'Lemoine', 'Patronne'] },
  /* 10 */ { name: 'Kévin Morel', kind: 'consumer', behaviour: 'chronic-late', cadenceDays: 75, amountHt: [40, 500], termsDays: 30, method: 'cheque', channel: 'sms', city: 6, street: '7 rue Nationale', contact: ['monsieur', 'Kévin', 'Morel'] },
  /* 11 */ { name: 'Garage Lefèvre SARL', kind: 'business', behaviour: 'turned-late', cadenceDays: 30, amountHt: [250, 2500], termsDays: 30, method: 'virement', channel: 'email', city: 15, street: '56 boulevard Victor-Hugo', contact: ['monsieur', 'Patrick', 'Lefèvre', 'Gérant'], secondContact: ['madame', 'Sandrine', 'Lefèvre', 'Comptabilité'] },
  /* 12 */ { name: 'Plomberie Girard SAS', kind: 'business', behaviour: 'usual', cadenceDays: 50, amountHt: [200, 2000], termsDays: 30, method: 'virement', channel: 'email', city: 4, street: '22 quai de la Fosse', contact: ['monsieur', 'Laurent', 'Girard', 'Président'] },
  /* 13 */ { name: 'Hôtel des Voyageurs', kind: 'business', behaviour: 'usual', cadenceDays: 45, amountHt: [300, 2400], termsDays: 30, method: 'virement', channel: 'email', city: 27, street: '2 quai Duperré', contact: ['madame', 'Isabelle', 'Chauvin', 'Directrice'] },
  /* 14 */ { name: 'SARL Électricité Chevalier', kind: 'business', behaviour: 'usual', cadenceDays: 60, amountHt: [400, 2600], termsDays: 30, method: 'virement', channel: 'phone', city: 25, street: '33 rue de la République', contact: ['monsieur', 'Thierry', 'Chevalier', 'Gérant'] },
  /* 15 */ { name: 'Auto-École Bernard', kind: 'business', behaviour: 'usual', cadenceDays: 60, amountHt: [100, 900], termsDays: 30, method: 'cheque', channel: 'phone', city: 19, street: '9 rue Bannier', contact: ['monsieur', 'Alain', 'Bernard', 'Gérant'] },
  /* 16 */ { name: 'Librairie des Halles', kind: 'business', behaviour: 'usual', cadenceDays: 45, amountHt: [60, 800], termsDays: 30, method: 'virement', channel: 'email', city: 7, street: '4 rue de Penhoët', contact: ['madame', 'Anne', 'Le Gall', 'Libraire'] },
  /* 17 */ { name: 'Fleurs de Lys SARL', kind: 'business', behaviour: 'usual', cadenceDays: 40, amountHt: [50, 600], termsDays: 30, method: 'carte', channel: 'email', city: 10, street: '15 avenue Jean-Médecin', contact: ['madame', 'Camille', 'Rossi', 'Fleuriste'] },
  /* 18 */ { name: 'Boucherie Lambert', kind: 'business', behaviour: 'usual', cadenceDays: 45, amountHt: [80, 700], termsDays: 30, method: 'cheque', channel: 'phone', city: 16, street: '11 rue du Clocher', contact: ['monsieur', 'Gilles', 'Lambert', 'Artisan boucher'] },
  /* 19 */ { name: 'Atelier Couture Perrin', kind: 'business', behaviour: 'usual', cadenceDays: 60, amountHt: [60, 900], termsDays: 30, method: 'virement', channel: 'email', city: 8, street: '6 rue des Juifs', contact: ['madame', 'Élodie', 'Perrin', 'Couturière'] },
  /* 20 */ { name: 'Jean-Pierre Dupont', kind: 'consumer', behaviour: 'usual', cadenceDays: 150, amountHt: [40, 500], termsDays: 30, method: 'cheque', channel: 'letter', city: 17, street: '18 rue Jeanne-d’Arc', contact: ['monsieur', 'Jean-Pierre', 'Dupont'] },
  /* 21 */ { name: 'Damien Leroy', kind: 'consumer', behaviour: 'usual', cadenceDays: 0, amountHt: [40, 200], termsDays: 30, method: 'carte', channel: 'sms', city: 20, street: '23 rue de Vesle', contact: ['monsieur', 'Damien', 'Leroy'] },
  /* 22 */ { name: 'Cave à vins Bonnet', kind: 'business', behaviour: 'usual', cadenceDays: 40, amountHt: [120, 1500], termsDays: 30, method: 'virement', channel: 'email', city: 26, street: '10 rue des Teinturiers', contact: ['monsieur', 'François', 'Bonnet', 'Caviste'] },
  /* 23 */ { name: 'Crèche Les Petits Loups', kind: 'business', behaviour: 'usual', cadenceDays: 60, amountHt: [150, 1200], termsDays: 45, method: 'virement', channel: 'email', city: 9, street: '2 impasse des Lilas', contact: ['madame', 'Véronique', 'Masson', 'Directrice'] },
  /* 24 */ { name: 'Fromagerie Rousseau', kind: 'business', behaviour: 'usual', cadenceDays: 40, amountHt: [60, 500], termsDays: 30, method: 'cheque', channel: 'email', city: 11, street: '30 rue Saint-Laurent', contact: ['monsieur', 'Bruno', 'Rousseau', 'Fromager'] },
  /* 25 */ { name: 'James Whitfield', kind: 'consumer', behaviour: 'usual', cadenceDays: 120, amountHt: [60, 600], termsDays: 30, method: 'virement', channel: 'email', city: 22, street: 'Lieu-dit La Borie', contact: ['monsieur', 'James', 'Whitfield'], language: 'en' },
  /* 26 */ { name: 'SAS Transports Mercier', kind: 'business', behaviour: 'usual', cadenceDays: 30, amountHt: [300, 3300], termsDays: 60, method: 'virement', channel: 'email', city: 21, street: 'ZA des Châtelets, 5 allée des Acacias', contact: ['monsieur', 'Hervé', 'Mercier', 'Directeur'], secondContact: ['madame', 'Lucie', 'Fabre', 'Service comptable'] },
  /* 27 */ { name: 'Agence immobilière Blanc', kind: 'business', behaviour: 'usual', cadenceDays: 45, amountHt: [100, 1200], termsDays: 30, method: 'virement', channel: 'email', city: 9, street: '47 boulevard du Jeu-de-Paume', contact: ['madame', 'Aurélie', 'Blanc', 'Gérante'] },
  /* 28 */ { name: 'Cabinet dentaire Moreau', kind: 'business', behaviour: 'usual', cadenceDays: 50, amountHt: [150, 1800], termsDays: 30, method: 'virement', channel: 'email', city: 18, street: '12 rue Écuyère', contact: ['monsieur', 'Philippe', 'Moreau', 'Chirurgien-dentiste'] },
  /* 29 */ { name: 'Traiteur Fontaine', kind: 'business', behaviour: 'usual', cadenceDays: 40, amountHt: [200, 2200], termsDays: 30, method: 'cheque', channel: 'phone', city: 1, street: '85 rue Duguesclin', contact: ['madame', 'Martine', 'Fontaine', 'Gérante'] },
  /* 30 */ { name: 'Institut Beauté Nacre', kind: 'business', behaviour: 'usual', cadenceDays: 50, amountHt: [50, 500], termsDays: 30, method: 'carte', channel: 'sms', city: 3, street: '', contact: ['madame', 'Laetitia', 'Vidal', 'Esthéticienne'] },
  /* 31 */ { name: 'Camping Les Pins SAS', kind: 'business', behaviour: 'usual', cadenceDays: 60, amountHt: [300, 2800], termsDays: 45, method: 'virement', channel: 'email', city: 9, street: 'Route de Palavas', contact: ['monsieur', 'Christophe', 'Fabre', 'Gérant'], tags: ['saisonnier'] },
  /* 32 */ { name: 'Cabinet comptable Faure', kind: 'business', behaviour: 'usual', cadenceDays: 45, amountHt: [200, 1500], termsDays: 30, method: 'virement', channel: 'email', city: 15, street: '4 place de Jaude', contact: ['madame', 'Sylvie', 'Faure', 'Expert-comptable'] },
  /* 33 */ { name: 'Salon de coiffure Éléonore', kind: 'business', behaviour: 'usual', cadenceDays: 50, amountHt: [40, 400], termsDays: 30, method: 'carte', channel: 'sms', city: 24, street: '21 rue de Siam', contact: ['madame', 'Éléonore', 'Guillou', 'Coiffeuse'] },
  /* 34 */ { name: 'Marie Dubois', kind: 'consumer', behaviour: 'usual', cadenceDays: 130, amountHt: [30, 400], termsDays: 30, method: 'carte', channel: 'email', city: 0, street: '8 rue de la Roquette', contact: ['madame', 'Marie', 'Dubois'] },
  /* 35 */ { name: 'Thomas Petit', kind: 'consumer', behaviour: 'usual', cadenceDays: 140, amountHt: [30, 350], termsDays: 30, method: 'especes', channel: 'sms', city: 2, street: '66 boulevard Baille', contact: ['monsieur', 'Thomas', 'Petit'] },
  /* 36 */ { name: 'Chantal Robert', kind: 'consumer', behaviour: 'usual', cadenceDays: 160, amountHt: [20, 300], termsDays: 30, method: 'cheque', channel: 'phone', city: 12, street: '3 allée des Tilleuls', contact: ['madame', 'Chantal', 'Robert'] },
  /* 37 */ { name: 'Nicolas Girard', kind: 'consumer', behaviour: 'usual', cadenceDays: 120, amountHt: [50, 600], termsDays: 30, method: 'virement', channel: 'email', city: 4, street: '17 rue Crébillon', contact: ['monsieur', 'Nicolas', 'Girard'] },
  /* 38 */ { name: 'Amandine Lopez', kind: 'consumer', behaviour: 'usual', cadenceDays: 150, amountHt: [20, 250], termsDays: 30, method: 'carte', channel: 'sms', city: 3, street: '9 rue des Filatiers', contact: ['madame', 'Amandine', 'Lopez'] },
  /* 39 */ { name: 'Bernard Roussel', kind: 'consumer', behaviour: 'usual', cadenceDays: 170, amountHt: [40, 450], termsDays: 30, method: 'cheque', channel: 'letter', city: 25, street: '5 rue Michelet', contact: ['monsieur', 'Bernard', 'Roussel'] },
  /* 40 */ { name: 'Julie Marchand', kind: 'consumer', behaviour: 'usual', cadenceDays: 130, amountHt: [30, 500], termsDays: 30, method: 'virement', channel: 'email', city: 6, street: '24 rue Esquermoise', contact: ['madame', 'Julie', 'Marchand'] },
];

/** Invoice history starts this many days before today (≈ 18 months). */
const HISTORY_DAYS = 545;
/** Garage Lefèvre pays on time while its due dates are older than this, late afterwards. */
const TURNED_LATE_AFTER_DAYS = 130;
/** Email domains reserved for documentation (RFC 2606). */
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;

function slug(value: string): string {
  return normalizeName(value)
    .replace(/&/g, 'et')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A made-up SIRET whose SIREN and full 14 digits both pass the Luhn check, as real ones do. */
function makeSiret(random: Random): { siren: string; siret: string } {
  let payload = String(random.int(1, 9));
  for (let i = 0; i < 7; i += 1) payload += String(random.int(0, 9));
  const siren = payload + luhnCheckDigit(payload);
  let nic = '';
  for (let i = 0; i < 4; i += 1) nic += String(random.int(0, 9));
  const withoutKey = siren + nic;
  return { siren, siret: withoutKey + luhnCheckDigit(withoutKey) };
}

/** E.164 in the fiction ranges: landlines 01 99 00 xx xx, mobiles 06 39 98 xx xx. */
function fictionPhone(random: Random, mobile: boolean): string {
  const suffix = String(random.int(0, 9999)).padStart(4, '0');
  return mobile ? `+3363998${suffix}` : `+3319900${suffix}`;
}

function instantAt(date: CalendarDate, random: Random): IsoInstant {
  // 07:00–15:59 UTC: office hours in Paris, winter or summer.
  const hour = String(random.int(7, 15)).padStart(2, '0');
  const minute = String(random.int(0, 59)).padStart(2, '0');
  return `${date}T${hour}:${minute}:00.000Z`;
}

function buildCustomer(spec: CustomerSpec, index: number, today: CalendarDate, random: Random): Customer {
  const id = customerId(index + 1);
  const [postcode, city] = CITIES[spec.city] ?? CITIES[0]!;
  const domain = random.pick(EMAIL_DOMAINS);
  const contacts: Contact[] = [];
  const [civility, first, last, role] = spec.contact;
  const mainContact: Contact = {
    id: `${id}-contact-1`,
    name: `${first} ${last}`,
    civility,
    ...(role ? { role } : {}),
  };
  if (id !== DEMO_IDS.withoutEmail) {
    mainContact.email =
      spec.kind === 'business' ? `${slug(first)}@${slug(spec.name)}.${domain}` : `${slug(first)}.${slug(last)}@${domain}`;
  }
  if (spec.kind === 'business') mainContact.phone = fictionPhone(random, false);
  mainContact.mobile = fictionPhone(random, true);
  contacts.push(mainContact);
  if (spec.secondContact) {
    const [civ2, first2, last2, role2] = spec.secondContact;
    contacts.push({
      id: `${id}-contact-2`,
      name: `${first2} ${last2}`,
      civility: civ2,
      role: role2,
      email: `compta@${slug(spec.name)}.${domain}`,
      phone: fictionPhone(random, false),
    });
  }
  const createdAt = `${addDays(today, -HISTORY_DAYS - random.int(5, 60))}T09:00:00.000Z`;
  const customer: Customer = {
    id,
    name: spec.name,
    normalizedName: normalizeName(spec.name),
    kind: spec.kind,
    contacts,
    preferredContactId: spec.secondContact && spec.kind === 'business' && spec.channel === 'email' ? `${id}-contact-2` : mainContact.id,
    preferredChannel: spec.channel,
    language: spec.language ?? 'fr',
    tags: spec.tags ?? [],
    createdAt,
    updatedAt: createdAt,
  };
  if (spec.street) customer.address = { lines: spec.street.split(', '), postcode, city, country: 'FR' };
  if (spec.kind === 'business') {
    const { siren, siret } = makeSiret(random);
    customer.siret = siret;
    customer.vatNumber = frenchVatNumber(siren);
  }
  if (id === DEMO_IDS.paused) {
    customer.pausedUntil = addDays(today, 10);
    customer.notes = 'Fermeture annuelle : ne pas relancer avant la réouverture.';
  }
  if (id === DEMO_IDS.withNote) customer.notes = 'Paiement validé par le gestionnaire de la crèche en fin de mois.';
  return customer;
}

// ---------------------------------------------------------------------------------------------------
// Invoices, payments and their timeline, before ids are given

interface DraftInvoice {
  customerIndex: number;
  /** Days before today. */
  issueOffset: number;
  termsDays: number;
  totalCents: number;
  fixture?: DemoFixtureTag;
  /** Days before today when it is paid in full, if it is (history invoices only). */
  paidOffset?: number;
  dispute?: Invoice['dispute'];
  writeOff?: Invoice['writeOff'];
  cancelled?: Invoice['cancelled'];
  id?: string;
  number?: string;
}

interface DraftPayment {
  customerIndex: number;
  offset: number;
  method: PaymentMethod;
  allocations: Array<{ invoice: DraftInvoice; amountCents: number }>;
}

interface DraftInteraction {
  key?: string;
  customerIndex: number;
  offset: number;
  kind: Interaction['kind'];
  invoices: DraftInvoice[];
  fields: Partial<Omit<Interaction, 'id' | 'customerId' | 'at' | 'invoiceIds' | 'kind'>>;
}

function totalFromHt(random: Random, [min, max]: [number, number]): number {
  // Whole euros before tax, skewed towards the small end like a shop's real tickets, + 20 % VAT.
  const ht = Math.round(min + (max - min) * random.next() ** 1.6);
  return ht * 120;
}

/** Days after the due date the invoice gets paid (negative: before), by behaviour. */
function paymentDelay(behaviour: Behaviour, dueOffset: number, random: Random): number {
  switch (behaviour) {
    case 'reliable':
      return -random.int(0, 10);
    case 'chronic-late':
      return random.int(20, 60);
    case 'turned-late':
      return dueOffset > TURNED_LATE_AFTER_DAYS ? -random.int(0, 5) : random.int(32, 45);
    case 'usual':
      return Math.max(-10, Math.min(25, Math.round(random.normal(2, 5))));
  }
}

const OTHER_METHODS: Record<CustomerKind, PaymentMethod[]> = {
  business: ['virement', 'cheque', 'virement', 'carte'],
  consumer: ['carte', 'cheque', 'especes', 'virement'],
};

function historyFor(spec: CustomerSpec, customerIndex: number, random: Random) {
  const invoices: DraftInvoice[] = [];
  const payments: DraftPayment[] = [];
  if (spec.cadenceDays === 0) return { invoices, payments };
  // The turned-late archetype keeps a strict monthly rhythm so that both windows always have payments.
  const steady = spec.behaviour === 'turned-late';
  let offset = HISTORY_DAYS - random.int(0, Math.min(spec.cadenceDays, 60));
  while (offset >= 1) {
    invoices.push({ customerIndex, issueOffset: offset, termsDays: spec.termsDays, totalCents: totalFromHt(random, spec.amountHt) });
    const jitter = steady ? 0 : random.int(-Math.floor(spec.cadenceDays * 0.3), Math.floor(spec.cadenceDays * 0.3));
    offset -= Math.max(7, spec.cadenceDays + jitter);
  }
  for (const invoice of invoices) {
    const dueOffset = invoice.issueOffset - invoice.termsDays;
    const paidOffset = Math.min(invoice.issueOffset, dueOffset - paymentDelay(spec.behaviour, dueOffset, random));
    if (paidOffset >= 1) invoice.paidOffset = paidOffset;
  }
  // Usual and chronic payers sometimes settle the next invoice in the same transfer or cheque.
  const mayGroup = spec.behaviour === 'usual' || spec.behaviour === 'chronic-late';
  for (let i = 0; i < invoices.length; i += 1) {
    const invoice = invoices[i]!;
    if (invoice.paidOffset === undefined) continue;
    const method = random.chance(0.85) ? spec.method : random.pick(OTHER_METHODS[spec.kind]);
    const payment: DraftPayment = { customerIndex, offset: invoice.paidOffset, method, allocations: [{ invoice, amountCents: invoice.totalCents }] };
    const next = invoices[i + 1];
    if (mayGroup && next?.paidOffset !== undefined && next.issueOffset >= invoice.paidOffset && random.chance(0.25)) {
      next.paidOffset = invoice.paidOffset;
      payment.allocations.push({ invoice: next, amountCents: next.totalCents });
      i += 1;
    }
    payments.push(payment);
  }
  return { invoices, payments };
}

/** The step of the (built-in, default) follow-up policy each tone stands for. */
const STEP_BY_TONE: Record<Tone, string> = {
  courtesy: 'courtesy-email',
  friendly: 'first-reminder',
  firm: 'second-reminder',
  formal: 'formal-notice',
};

const REMINDER_SUBJECTS: Record<Language, Record<Tone, string>> = {
  fr: {
    courtesy: 'Votre facture arrive à échéance',
    friendly: 'Rappel : facture en attente de règlement',
    firm: 'Deuxième rappel : facture impayée',
    formal: 'Mise en demeure de payer',
  },
  en: {
    courtesy: 'Your invoice is coming due',
    friendly: 'Reminder: invoice awaiting payment',
    firm: 'Second reminder: unpaid invoice',
    formal: 'Formal notice to pay',
  },
};

function reminderFields(invoiceId: string, language: Language, tone: Tone): DraftInteraction['fields'] {
  const stepId = STEP_BY_TONE[tone];
  return {
    channel: 'email',
    tone,
    status: 'sent',
    policyId: 'default',
    stepId,
    subject: REMINDER_SUBJECTS[language][tone],
    idempotencyKey: `demo-${invoiceId}-${stepId}`,
  };
}

// ---------------------------------------------------------------------------------------------------

/**
 * Generates the demo data set. Pure: the same (today, nowIso, seed) always gives the same records.
 * `nowIso` only caps timestamps, so that nothing is stamped after the current instant.
 */
export function generateDemoData(today: CalendarDate, nowIso: IsoInstant, seed = DEMO_SEED): DemoData {
  const random = createRandom(seed);
  const customers = CUSTOMERS.map((spec, index) => buildCustomer(spec, index, today, random));
  const indexOf = (id: string): number => Number(id.slice('demo-customer-'.length)) - 1;

  const invoices: DraftInvoice[] = [];
  const payments: DraftPayment[] = [];
  const interactions: DraftInteraction[] = [];
  CUSTOMERS.forEach((spec, index) => {
    const history = historyFor(spec, index, random);
    invoices.push(...history.invoices);
    payments.push(...history.payments);
  });

  // Reminders already sent on history invoices that were (or still are) late: the traces the
  // follow-up planner continues from and "what works" learns from.
  for (const invoice of invoices) {
    const dueOffset = invoice.issueOffset - invoice.termsDays;
    const daysLate = dueOffset - (invoice.paidOffset ?? 0);
    if (daysLate > 5) interactions.push({ customerIndex: invoice.customerIndex, offset: dueOffset - 3, kind: 'reminder', invoices: [invoice], fields: { tone: 'friendly' } });
    if (daysLate > 20) interactions.push({ customerIndex: invoice.customerIndex, offset: dueOffset - 15, kind: 'reminder', invoices: [invoice], fields: { tone: 'firm' } });
  }

  const fixture = (tag: DemoFixtureTag, customer: string, issueOffset: number, totalCents: number, extra: Partial<DraftInvoice> = {}): DraftInvoice => {
    const draft: DraftInvoice = { customerIndex: indexOf(customer), issueOffset, termsDays: 30, totalCents, fixture: tag, ...extra };
    invoices.push(draft);
    return draft;
  };
  const remind = (invoice: DraftInvoice, daysAfterDue: number, tone: Tone): void => {
    interactions.push({ customerIndex: invoice.customerIndex, offset: invoice.issueOffset - invoice.termsDays - daysAfterDue, kind: 'reminder', invoices: [invoice], fields: { tone } });
  };
  const call = (invoice: DraftInvoice, offset: number, callOutcome: Interaction['callOutcome'], notes: string, key?: string): void => {
    interactions.push({ key, customerIndex: invoice.customerIndex, offset, kind: 'call', invoices: [invoice], fields: { channel: 'phone', callOutcome, notes, durationSeconds: 60 + (notes.length % 7) * 45 } });
  };

  // Disputed: two radiators never delivered.
  const disputed = fixture('disputed', DEMO_IDS.disputed, 70, 147_600, {
    dispute: { reason: 'Livraison incomplète : deux radiateurs manquants', since: addDays(today, -35) },
  });
  remind(disputed, 3, 'friendly');
  call(disputed, 35, 'dispute', 'Le client conteste la facture : deux radiateurs n’ont pas été livrés. Attendre le bon de livraison signé avant toute relance.');

  // Partly paid: 800 € received on 2 340 €.
  const partly = fixture('partly-paid', DEMO_IDS.partlyPaid, 50, 234_000);
  remind(partly, 3, 'friendly');
  payments.push({ customerIndex: partly.customerIndex, offset: 10, method: 'virement', allocations: [{ invoice: partly, amountCents: 80_000 }] });

  // Payment plan over two overdue invoices.
  const plan1 = fixture('plan-1', DEMO_IDS.paymentPlan, 110, 186_000);
  const plan2 = fixture('plan-2', DEMO_IDS.paymentPlan, 80, 125_470);
  remind(plan1, 3, 'friendly');
  remind(plan1, 15, 'firm');
  call(plan1, 42, 'asks-plan', 'M. Chevalier traverse une période difficile (gros chantier payé en retard). Il demande à étaler le paiement des deux factures : accord pour 4 mensualités.');

  // Pending promise: the customer promised during a call three days ago.
  const promised = fixture('promised', DEMO_IDS.pendingPromise, 48, 68_400);
  remind(promised, 3, 'friendly');
  call(promised, 3, 'promise', 'M. Bernard a promis de régler la facture par virement d’ici jeudi ; trésorerie tendue ce mois-ci, mais il s’est excusé.', 'promise-call');

  // Open invoices at various ages, with what has been done so far.
  const late5 = fixture('late-5', DEMO_IDS.overdueByDaysLate[5], 35, 32_400);
  remind(late5, 2, 'friendly');
  const late12 = fixture('late-12', DEMO_IDS.overdueByDaysLate[12], 42, 51_600);
  remind(late12, 2, 'friendly');
  const late35 = fixture('late-35', DEMO_IDS.overdueByDaysLate[35], 65, 97_200);
  remind(late35, 2, 'friendly');
  remind(late35, 15, 'firm');
  call(late35, 10, 'voicemail', 'Message laissé sur le répondeur de la boucherie, rappeler après 14 h.');
  const late70 = fixture('late-70', DEMO_IDS.overdueByDaysLate[70], 100, 118_800);
  remind(late70, 2, 'friendly');
  remind(late70, 15, 'firm');
  call(late70, 45, 'call-back', 'La gérante est en congés jusqu’à lundi ; sa collègue note le message et lui transmettra.');
  interactions.push({ customerIndex: late70.customerIndex, offset: 30, kind: 'letter', invoices: [late70], fields: { channel: 'letter', tone: 'firm', status: 'sent', subject: 'Relance par courrier', notes: 'Lettre de relance imprimée et postée.' } });
  const late120 = fixture('late-120', DEMO_IDS.overdueByDaysLate[120], 150, 43_200);
  call(late120, 110, 'no-answer', 'Pas de réponse, pas de messagerie.');
  interactions.push({ customerIndex: late120.customerIndex, offset: 100, kind: 'letter', invoices: [late120], fields: { channel: 'letter', tone: 'friendly', status: 'sent', subject: 'Rappel de facture impayée', notes: 'Premier courrier de rappel.' } });
  interactions.push({ customerIndex: late120.customerIndex, offset: 60, kind: 'letter', invoices: [late120], fields: { channel: 'formal-notice', tone: 'formal', status: 'sent', subject: 'Mise en demeure de payer', notes: 'Mise en demeure envoyée en recommandé avec accusé de réception.' } });

  fixture('written-off', DEMO_IDS.writtenOff, 400, 18_600, {
    writeOff: { reason: 'Client injoignable, montant trop faible pour une procédure', date: addDays(today, -200) },
  });
  fixture('cancelled', DEMO_IDS.cancelled, 90, 54_000, {
    cancelled: { reason: 'Facture émise en double par erreur', date: addDays(today, -88) },
  });
  interactions.push({
    customerIndex: indexOf(DEMO_IDS.withNote),
    offset: 60,
    kind: 'note',
    invoices: [],
    fields: { notes: 'Préfère être appelée le matin avant 10 h ; pas de SMS. Les factures passent en réunion de bureau le dernier jeudi du mois.' },
  });

  // ---- ids and numbers, in issue order
  invoices.sort((a, b) => b.issueOffset - a.issueOffset || a.customerIndex - b.customerIndex || a.totalCents - b.totalCents);
  const perYear = new Map<string, number>();
  let historyCount = 0;
  invoices.forEach((invoice) => {
    const year = addDays(today, -invoice.issueOffset).slice(0, 4);
    const count = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, count);
    invoice.id = invoice.fixture
      ? fixtureInvoiceId(invoice.fixture)
      : `demo-invoice-${String((historyCount += 1)).padStart(4, '0')}`;
    invoice.number = `F-${year}-${String(count).padStart(4, '0')}`;
  });
  const idOf = (draft: DraftInvoice): string => draft.id!;
  const numberOf = (draft: DraftInvoice): string => draft.number!;

  // The plan: 4 monthly instalments summing exactly to what was owed; the first two are paid.
  const planStart = addDays(today, -40);
  const planAmount = plan1.totalCents + plan2.totalCents;
  const instalmentCount = 4;
  const base = Math.floor(planAmount / instalmentCount);
  const instalments = Array.from({ length: instalmentCount }, (_, i) => ({
    dueDate: addMonths(addDays(planStart, 5), i),
    amountCents: i === instalmentCount - 1 ? planAmount - base * (instalmentCount - 1) : base,
    paidCents: 0,
  }));
  const planInvoicesPaid = new Map<DraftInvoice, number>([[plan1, 0], [plan2, 0]]);
  for (const instalment of instalments) {
    if (compareDates(instalment.dueDate, addDays(today, -1)) > 0) continue;
    const open = [plan1, plan2].map((draft) => ({
      id: idOf(draft),
      number: numberOf(draft),
      issueDate: addDays(today, -draft.issueOffset),
      dueDate: addDays(today, -draft.issueOffset + draft.termsDays),
      totalCents: draft.totalCents,
      paidCents: planInvoicesPaid.get(draft) ?? 0,
    }));
    const { allocations } = allocateOldestFirst(open, instalment.amountCents);
    const offset = daysBetween(instalment.dueDate, today);
    payments.push({
      customerIndex: plan1.customerIndex,
      offset,
      method: 'virement',
      allocations: allocations.map((allocation) => {
        const draft = allocation.invoiceId === plan1.id ? plan1 : plan2;
        planInvoicesPaid.set(draft, (planInvoicesPaid.get(draft) ?? 0) + allocation.amountCents);
        return { invoice: draft, amountCents: allocation.amountCents };
      }),
    });
    instalment.paidCents = instalment.amountCents;
  }
  interactions.push({
    customerIndex: plan1.customerIndex,
    offset: 40,
    kind: 'payment-plan',
    invoices: [plan1, plan2],
    fields: { notes: 'Échéancier accordé : 4 mensualités par virement, sans frais.' },
  });

  // ---- payments
  payments.sort((a, b) => b.offset - a.offset || a.customerIndex - b.customerIndex);
  const paymentRecords: Payment[] = payments.map((draft, index) => {
    const date = addDays(today, -draft.offset);
    const allocations = draft.allocations.map(({ invoice, amountCents }) => ({ invoiceId: idOf(invoice), amountCents }));
    const payment: Payment = {
      id: `demo-payment-${String(index + 1).padStart(4, '0')}`,
      customerId: customerId(draft.customerIndex + 1),
      date,
      amountCents: allocations.reduce((sum, allocation) => sum + allocation.amountCents, 0),
      method: draft.method,
      allocations,
      invoiceIds: allocations.map((allocation) => allocation.invoiceId),
      createdAt: capAt(`${date}T17:30:00.000Z`, nowIso),
    };
    const reference = paymentReference(draft, random);
    if (reference) payment.reference = reference;
    return payment;
  });

  // ---- invoices: paidCents is the sum of the allocations, by construction
  const paidByInvoice = new Map<string, number>();
  const lastPaymentAt = new Map<string, IsoInstant>();
  for (const payment of paymentRecords) {
    for (const allocation of payment.allocations) {
      paidByInvoice.set(allocation.invoiceId, (paidByInvoice.get(allocation.invoiceId) ?? 0) + allocation.amountCents);
      lastPaymentAt.set(allocation.invoiceId, payment.createdAt);
    }
  }
  const invoiceRecords: Invoice[] = invoices.map((draft) => {
    const issueDate = addDays(today, -draft.issueOffset);
    const createdAt = capAt(`${issueDate}T08:00:00.000Z`, nowIso);
    const invoice: Invoice = {
      id: idOf(draft),
      number: numberOf(draft),
      kind: 'invoice',
      customerId: customerId(draft.customerIndex + 1),
      issueDate,
      dueDate: addDays(issueDate, draft.termsDays),
      totalCents: draft.totalCents,
      paidCents: paidByInvoice.get(idOf(draft)) ?? 0,
      paymentTerms: `${draft.termsDays} jours date de facture`,
      createdAt,
      updatedAt: lastPaymentAt.get(idOf(draft)) ?? createdAt,
    };
    if (draft.dispute) invoice.dispute = draft.dispute;
    if (draft.writeOff) invoice.writeOff = draft.writeOff;
    if (draft.cancelled) invoice.cancelled = draft.cancelled;
    return invoice;
  });

  // ---- interactions, in time order
  const dated = interactions.map((draft) => ({ draft, at: capAt(instantAt(addDays(today, -draft.offset), random), nowIso) }));
  dated.sort((a, b) => a.at.localeCompare(b.at) || a.draft.customerIndex - b.draft.customerIndex);
  const idByKey = new Map<string, string>();
  const interactionRecords: Interaction[] = dated.map(({ draft, at }, index) => {
    const id = `demo-interaction-${String(index + 1).padStart(4, '0')}`;
    if (draft.key) idByKey.set(draft.key, id);
    const spec = CUSTOMERS[draft.customerIndex]!;
    const firstInvoice = draft.invoices[0];
    const fields =
      draft.kind === 'reminder' && firstInvoice
        ? { ...reminderFields(idOf(firstInvoice), spec.language ?? 'fr', draft.fields.tone ?? 'friendly'), ...draft.fields }
        : draft.fields;
    return {
      id,
      customerId: customerId(draft.customerIndex + 1),
      kind: draft.kind,
      at,
      invoiceIds: draft.invoices.map(idOf),
      ...fields,
    };
  });

  const promiseCall = idByKey.get('promise-call');
  const promise: PromiseToPay = {
    id: DEMO_IDS.pendingPromiseId,
    customerId: DEMO_IDS.pendingPromise,
    invoiceIds: [idOf(promised)],
    promisedDate: addDays(today, 4),
    amountCents: promised.totalCents,
    status: 'pending',
    createdAt: interactionRecords.find((interaction) => interaction.id === promiseCall)?.at ?? capAt(`${addDays(today, -3)}T09:00:00.000Z`, nowIso),
    ...(promiseCall ? { interactionId: promiseCall } : {}),
  };

  const paymentPlan: PaymentPlan = {
    id: DEMO_IDS.paymentPlanId,
    customerId: DEMO_IDS.paymentPlan,
    invoiceIds: [idOf(plan1), idOf(plan2)],
    downPaymentCents: 0,
    frequency: 'monthly',
    instalments,
    status: 'active',
    createdAt: capAt(`${planStart}T10:00:00.000Z`, nowIso),
  };

  const data: DemoData = {
    customers,
    invoices: invoiceRecords,
    payments: paymentRecords,
    interactions: interactionRecords,
    promises: [promise],
    paymentPlans: [paymentPlan],
  };
  return data;
}

function capAt(instant: IsoInstant, nowIso: IsoInstant): IsoInstant {
  return Date.parse(instant) > Date.parse(nowIso) ? nowIso : instant;
}

function paymentReference(draft: DraftPayment, random: Random): string | undefined {
  const numbers = draft.allocations.map(({ invoice }) => invoice.number).join(' ');
  switch (draft.method) {
    case 'virement':
      return `VIR SEPA ${numbers}`;
    case 'cheque':
      return `Chèque n° ${random.int(1_000_000, 9_999_999)}`;
    case 'carte':
      return 'Paiement CB au comptoir';
    case 'prelevement':
      return `Prélèvement SEPA ${numbers}`;
    case 'especes':
      return undefined;
  }
}
