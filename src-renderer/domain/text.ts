/** Text helpers for search and matching (customer names typed with or without accents, extra spaces...). */

/** "  Boulangerie  ÉLODIE " → "boulangerie elodie": lower-case, accents stripped (NFD), spaces collapsed, trimmed. */
export function normalizeName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '') // combining marks left by NFD: the accents
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}
