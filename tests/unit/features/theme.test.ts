import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { accessiblePalette, appTheme, contrastRatio, MIN_TEXT_CONTRAST } from '../../../src-renderer/ui/theme';

describe('contrastRatio', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#868e96', '#ffffff', 3.32], // Mantine's gray 6, the default "dimmed": too light for text
    ['#228be6', '#ffffff', 3.55], // Mantine's blue 6, the default link colour
  ])('%s on %s is %d:1', (a, b, expected) => {
    expect(contrastRatio(a, b)).toBeCloseTo(expected, 1);
  });
});

describe('the app theme', () => {
  const theme = appTheme('Fermer');
  const colors = theme.colors!;

  it.each(Object.keys(colors))('%s: text and filled colour (shade 8) reach 4.5:1 on white, and white on it', (name) => {
    const palette = colors[name]!;
    expect(contrastRatio(palette[8], '#ffffff')).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });

  it.each(Object.keys(colors))('%s: light variants (shade 9 on shade 1, and on shade 2 when hovered) reach 4.5:1', (name) => {
    const palette = colors[name]!;
    expect(contrastRatio(palette[9], palette[1])).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(contrastRatio(palette[9], palette[2])).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });

  it('keeps the light shades as they are, and leaves already dark enough shades alone', () => {
    const blue = accessiblePalette(DEFAULT_THEME.colors.blue);
    expect(blue.slice(0, 8)).toEqual(DEFAULT_THEME.colors.blue.slice(0, 8));
    const black = accessiblePalette(DEFAULT_THEME.colors.dark);
    expect(black[8]).toBe(DEFAULT_THEME.colors.dark[8]);
  });

  it('names the dialogs’ close button', () => {
    expect(theme.components?.Modal?.defaultProps).toMatchObject({ closeButtonProps: { 'aria-label': 'Fermer' } });
  });
});
