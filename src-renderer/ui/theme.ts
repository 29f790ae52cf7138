import { createTheme, darken, DEFAULT_THEME, Drawer, Modal, type CSSVariablesResolver, type MantineColorsTuple, type MantineThemeOverride } from '@mantine/core';

/**
 * The app's Mantine theme, made to meet WCAG 2.1 AA contrast (4.5:1 for text), which Mantine's
 * default palette does not: its shade 6 (links, red amounts, buttons) is about 3.5:1 on white and
 * its light badges about 3.8:1. Checked by axe-core in tests/e2e/accessibility.spec.ts.
 *
 * - Filled colours, text colours and links use shade 8 (`primaryShade`), darkened where needed to
 *   reach 4.5:1 on white (and white text on them);
 * - light variants (badges, the current page in the menu) draw shade 9 on shade 1, or shade 2 when
 *   hovered: shade 9 is darkened until it reaches 4.5:1 on shade 2;
 * - "dimmed" text is gray 7 instead of gray 6.
 */
export const MIN_TEXT_CONTRAST = 4.5;
/** A margin over the threshold: browsers round colours, axe measures what they draw. */
const TARGET = MIN_TEXT_CONTRAST + 0.2;

function luminance(hex: string): number {
  const value = hex.replace('#', '');
  const channels = [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function toHex(color: string): string {
  const match = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (!match) return color;
  return `#${match.slice(1, 4).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
}

/** Darkens `color` by small steps until it reaches the target contrast against `background`. */
function darkenUntil(color: string, background: string): string {
  let current = color;
  for (let step = 0; step < 40 && contrastRatio(current, background) < TARGET; step += 1) current = toHex(darken(current, 0.04));
  return current;
}

export function accessiblePalette(palette: MantineColorsTuple): MantineColorsTuple {
  const shades = [...palette];
  shades[8] = darkenUntil(shades[8]!, '#ffffff');
  // Light variants draw shade 9 on shade 1, and on shade 2 under the mouse: the darker of the two.
  shades[9] = darkenUntil(shades[9]!, shades[2]!);
  return shades as unknown as MantineColorsTuple;
}

const PALETTES = ['blue', 'red', 'green', 'orange', 'yellow', 'grape', 'teal', 'gray', 'cyan', 'violet', 'indigo', 'pink', 'lime'] as const;

const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
export { cssVariablesResolver };

/** `closeLabel`: the accessible name of dialogs' close buttons, in the user's language. */
export function appTheme(closeLabel: string): MantineThemeOverride {
  return createTheme({
    primaryColor: 'blue',
    primaryShade: { light: 8, dark: 6 },
    colors: Object.fromEntries(PALETTES.map((name) => [name, accessiblePalette(DEFAULT_THEME.colors[name])])),
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    defaultRadius: 'md',
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
    },
  });
}
