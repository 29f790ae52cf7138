/**
 * The import wizard's rule, kept pure so that the bad-input tests check the rule the screen applies:
 * an import is all or nothing by default. A file with any refused line (by the parser, or by the
 * database checks of the preview) is not imported at all until the user ticks "import only the valid
 * lines" (`validOnly`); then only the rows both accepted are written (`applyInvoiceImport` leaves the
 * rows it rejects alone, in the same single transaction as the rest).
 */
export interface ImportGateInput {
  /** Errors of `parseInvoiceCsv` (refused lines, missing columns, an empty or too large file). */
  parseErrors: number;
  /** Rows the parser accepted. */
  rows: number;
  /** Rows of those the preview rejects (`previewInvoiceImport(...).rejected`). */
  rejectedByDatabase: number;
  validOnly: boolean;
}

export function importGate(input: ImportGateInput): { importable: number; canImport: boolean } {
  const importable = input.rows - input.rejectedByDatabase;
  const refused = input.parseErrors + input.rejectedByDatabase;
  return { importable, canImport: importable > 0 && (refused === 0 || input.validOnly) };
}
