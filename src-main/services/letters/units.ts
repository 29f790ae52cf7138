/** Millimetres to PDF points (the letter layout and the page numbers stamped after it). */
export const mm = (value: number): number => value * 2.834_645_669;
