/**
 * A French invoicing tool's export, generated: UTF-8, ";", CR LF, the columns
 * "N° facture;Client;Date facture;Échéance;Montant TTC;Payé", about 2,000 distinct customers,
 * amounts like "1 234,56", dates dd/mm/yyyy within the last 18 months. Deterministic (fixed seed)
 * apart from "today", so that every row is valid for the app on the day it runs.
 */

const PREFIXES = [
  'Boulangerie', 'Garage', 'Café', 'Pharmacie', 'Librairie', 'Fleuriste', 'Boucherie', 'Épicerie',
  'Pâtisserie', 'Coiffure', 'Menuiserie', 'Plomberie', 'Électricité', 'Cabinet', 'Atelier', 'Quincaillerie',
  'Traiteur', 'Fromagerie', 'Caviste', 'Opticien', 'Imprimerie', 'Pressing', 'Auto-école', 'Brasserie',
  'Crèmerie', 'Charcuterie', 'Poissonnerie', 'Bijouterie', 'Cordonnerie', 'Serrurerie', 'Ambulances', 'Taxis',
  'Transports', 'Peinture', 'Maçonnerie', 'Toiture', 'Jardinerie', 'Droguerie', 'Mercerie', 'Papeterie',
];
const SURNAMES = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
  'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefebvre', 'Faure', 'André',
  'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia',
  'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson',
];

/** mulberry32: a small seeded generator, so that two runs import the same file. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** 123456 cents → "1 234,56" (space as thousands separator, decimal comma). */
export function frenchAmount(cents) {
  const units = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+$)/g, ' ');
  return `${units},${pad(cents % 100)}`;
}

const frenchDate = (date) => `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;

/** Customer i (0 ≤ i < 2,000) → a distinct name: "Boulangerie Martin", "Garage Martin"… */
export function customerName(i) {
  return `${PREFIXES[i % PREFIXES.length]} ${SURNAMES[Math.floor(i / PREFIXES.length) % SURNAMES.length]}`;
}

export const CUSTOMER_COUNT = PREFIXES.length * SURNAMES.length; // 2,000

/**
 * @param {number} rows number of invoice lines
 * @param {Date} today
 * @returns {{ text: string, paid: number, partlyPaid: number, customers: number }}
 */
export function generateFrenchCsv(rows, today = new Date()) {
  const next = random(20261123);
  const day0 = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const DAY = 86_400_000;
  const lines = ['N° facture;Client;Date facture;Échéance;Montant TTC;Payé'];
  const customers = new Set();
  let paid = 0;
  let partlyPaid = 0;
  for (let i = 0; i < rows; i += 1) {
    // Issue dates from 1 to 540 days ago (18 months), due 0 to 60 days later.
    const age = 1 + Math.floor(next() * 540);
    const issue = new Date(day0 - age * DAY);
    const due = new Date(issue.getTime() + [0, 15, 30, 30, 45, 60][Math.floor(next() * 6)] * DAY);
    const customer = Math.floor(next() * CUSTOMER_COUNT);
    customers.add(customer);
    // Mostly small tickets, a few large ones: 10 € to about 15,000 €.
    const total = 1_000 + Math.floor(next() ** 3 * 1_500_000);
    // Old invoices are mostly paid; recent ones mostly open.
    const draw = next();
    const paidShare = age > 120 ? (draw < 0.8 ? 1 : draw < 0.88 ? 0.5 : 0) : draw < 0.3 ? 1 : draw < 0.4 ? 0.5 : 0;
    const paidCents = Math.floor(total * paidShare);
    if (paidShare === 1) paid += 1;
    else if (paidShare > 0) partlyPaid += 1;
    lines.push(
      `FA-${issue.getUTCFullYear()}-${pad(i + 1, 6)};${customerName(customer)};${frenchDate(issue)};${frenchDate(due)};${frenchAmount(total)};${frenchAmount(paidCents)}`,
    );
  }
  return { text: `${lines.join('\r\n')}\r\n`, paid, partlyPaid, customers: customers.size };
}
