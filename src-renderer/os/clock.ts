/**
 * The only place the renderer reads the wall clock. Domain code takes the instant as an argument;
 * screens get it from here (and tests move it with Playwright's clock).
 */
export function nowIso(): string {
  return new Date().toISOString();
}
