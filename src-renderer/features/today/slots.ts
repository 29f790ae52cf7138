import type { TodaySlots } from './action-slots';
import { TodayLetterButton, TodayLettersTool } from '../letters/TodayLetterSlots';

/** The channel features' buttons in Today (see action-slots.ts). One line per feature and section. */
export const TODAY_SLOTS: TodaySlots = {
  actionButtons: {
    letters: TodayLetterButton,
  },
  sectionTools: {
    letters: TodayLettersTool,
  },
};
