import { describe, expect, it } from 'vitest';
import { localTimeToInstant, nextLocalTime } from '../../../src-renderer/domain/wake-up';

describe('nextLocalTime', () => {
  it.each([
    // Paris is UTC+1 in winter, UTC+2 in summer.
    ['before 9:00 in winter', '2026-11-23T06:00:00Z', '09:00', 'Europe/Paris', '2026-11-23T08:00:00.000Z'],
    ['after 9:00 in winter', '2026-11-23T08:00:01Z', '09:00', 'Europe/Paris', '2026-11-24T08:00:00.000Z'],
    ['exactly 9:00 goes to tomorrow', '2026-11-23T08:00:00Z', '09:00', 'Europe/Paris', '2026-11-24T08:00:00.000Z'],
    ['in summer', '2026-07-01T05:00:00Z', '09:00', 'Europe/Paris', '2026-07-01T07:00:00.000Z'],
    ['across spring forward', '2026-03-28T09:00:00Z', '09:00', 'Europe/Paris', '2026-03-29T07:00:00.000Z'],
    ['across fall back', '2026-10-24T09:00:00Z', '09:00', 'Europe/Paris', '2026-10-25T08:00:00.000Z'],
    ['late evening UTC is already tomorrow in Paris', '2026-11-22T23:30:00Z', '09:00', 'Europe/Paris', '2026-11-23T08:00:00.000Z'],
    ['Réunion', '2026-11-23T04:00:00Z', '09:00', 'Indian/Reunion', '2026-11-23T05:00:00.000Z'],
  ])('%s', (_label, now, time, zone, expected) => {
    expect(nextLocalTime(now, time, zone)).toBe(expected);
  });

  it('turns a local time into an instant', () => {
    expect(localTimeToInstant('2026-12-31', '14:30', 'Europe/Paris')).toBe('2026-12-31T13:30:00.000Z');
  });
});
